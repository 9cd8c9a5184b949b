#include "app/studio/aboutdialog.h"
#include "app/studio/lab/diagramview.h"
#include "app/studio/lab/labpage.h"
#include "app/studio/learn/learnpage.h"
#include "app/studio/mainwindow.h"
#include "app/studio/review/reviewpage.h"
#include "app/studio/screenshot.h"
#include "app/studio/startupoptions.h"
#include "app/studio/theme.h"
#include "app/studio/workspace.h"
#include "core/appinfo.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>

#include <memory>

using namespace sds::gui;

Q_DECLARE_METATYPE(sds::gui::Mode)

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Mean lightness of the drawn (non-transparent) pixels of an icon.
    static int inkLightness(const QIcon &icon)
    {
        const QImage img = icon.pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
        qint64 sum = 0;
        qint64 count = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x)
                if (qAlpha(img.pixel(x, y)) > 200) {
                    sum += QColor(img.pixel(x, y)).lightness();
                    ++count;
                }
        return count ? int(sum / count) : -1;
    }
    // One window kept across the rows of a data-driven test.
    std::unique_ptr<QSettings> m_sharedSettings;
    // A window and the workspace it was built on, deleted in that order.
    struct WindowDeleter {
        Workspace *workspace;
        void operator()(MainWindow *w) const
        {
            delete w;
            delete workspace;
        }
    };
    using Window = std::unique_ptr<MainWindow, WindowDeleter>;
    Window m_shared;

    std::unique_ptr<QSettings> freshSettings(const QString &name)
    {
        return std::make_unique<QSettings>(m_dir.filePath(name), QSettings::IniFormat);
    }

    Window shownWindow(QSettings &settings)
    {
        auto *workspace = new Workspace(m_dir.path());
        Window w(new MainWindow(settings, *workspace), WindowDeleter{workspace});
        w->show();
        w->activateWindow();
        if (!QTest::qWaitForWindowActive(w.get()))
            qWarning("window did not become active");
        return w;
    }

    static QStackedWidget *stack(MainWindow &w) { return w.findChild<QStackedWidget *>(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sds::appinfo::registerWithApplication();
    }

    void startsInLearnWithTheReader()
    {
        auto settings = freshSettings(QStringLiteral("first.ini"));
        auto w = shownWindow(*settings);
        QCOMPARE(w->currentMode(), Mode::Learn);
        QCOMPARE(stack(*w)->currentWidget()->objectName(), QStringLiteral("learnPage"));
        QCOMPARE(w->windowTitle(), sds::appinfo::name());
        QVERIFY(w->page(Mode::Lab)->objectName() == QStringLiteral("labPage"));
        QVERIFY(!w->learn()->currentTopicId().isEmpty()); // a page is open from the first start
        QCOMPARE(w->page(Mode::Review)->objectName(), QStringLiteral("reviewPage"));
        // ... and the reader shows that page, not an empty view.
        const auto *topic = w->workspace().library().find(w->learn()->currentTopicId());
        QVERIFY(topic);
        auto *reader = w->learn()->findChild<QTextBrowser *>();
        QVERIFY(reader);
        QVERIFY2(reader->toPlainText().contains(topic->title),
                 qPrintable(topic->title + u'\n' + reader->toPlainText().left(200)));
        QVERIFY(reader->toPlainText().size() > 500);
    }

    void shortcutsSwitchModes_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QString>("page");
        // Out of order on purpose: each row starts where the previous ended.
        QTest::newRow("Ctrl+2") << int(Qt::Key_2) << Mode::Lab << QStringLiteral("labPage");
        QTest::newRow("Ctrl+3") << int(Qt::Key_3) << Mode::Review << QStringLiteral("reviewPage");
        QTest::newRow("Ctrl+1") << int(Qt::Key_1) << Mode::Learn << QStringLiteral("learnPage");
        QTest::newRow("Ctrl+3 again")
            << int(Qt::Key_3) << Mode::Review << QStringLiteral("reviewPage");
    }

    void shortcutsSwitchModes()
    {
        if (!m_shared) {
            m_sharedSettings = freshSettings(QStringLiteral("shortcuts.ini"));
            m_shared = shownWindow(*m_sharedSettings);
        }
        MainWindow *w = m_shared.get();
        QFETCH(int, key);
        QFETCH(Mode, mode);
        QFETCH(QString, page);
        QSignalSpy spy(w, &MainWindow::currentModeChanged);
        QTest::keyClick(w, Qt::Key(key), Qt::ControlModifier);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<Mode>(), mode);
        QCOMPARE(w->currentMode(), mode);
        QCOMPARE(stack(*w)->currentWidget()->objectName(), page);
        QVERIFY(w->modeAction(mode)->isChecked());
    }

    void cleanupTestCase()
    {
        m_shared.reset();
        m_sharedSettings.reset();
    }

    void sidebarButtonsSwitchModes()
    {
        auto settings = freshSettings(QStringLiteral("sidebar.ini"));
        auto w = shownWindow(*settings);
        const auto buttons =
            w->findChild<QWidget *>(QStringLiteral("modeBar"))->findChildren<QToolButton *>();
        QCOMPARE(buttons.size(), qsizetype(3));
        for (QToolButton *b : buttons) {
            QTest::mouseClick(b, Qt::LeftButton);
            QCOMPARE(b->defaultAction(), w->modeAction(w->currentMode()));
            QVERIFY(b->isChecked());
        }
        QCOMPARE(w->currentMode(), Mode::Review); // the last button
    }

    void aFailedDeckMergeIsShownInTheStatusBar()
    {
        // A --content-dir copy of the built-in content with one more deck
        // that reuses a shipped card's id: the merge inserts that card twice
        // and the collection refuses the second, so the merge fails whole.
        QTemporaryDir dir;
        const QDir root(dir.filePath(QStringLiteral("content")));
        QDirIterator files(QStringLiteral(":/content"), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString from = files.next();
            const QString to = root.filePath(from.mid(QStringLiteral(":/content/").size()));
            QVERIFY(QDir().mkpath(QFileInfo(to).path()));
            QVERIFY2(QFile::copy(from, to), qPrintable(to));
        }
        const QDir extra(root.filePath(QStringLiteral("decks/zz-copy")));
        QVERIFY(QDir().mkpath(extra.path()));
        const auto write = [](const QString &path, const QByteArray &json) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(json) == json.size();
        };
        QVERIFY(write(extra.filePath(QStringLiteral("deck.json")),
                      R"({"format": "sdstudio-deck", "version": 1, "id": "zz-copy",
                          "name": "Copy"})"));
        QVERIFY(write(extra.filePath(QStringLiteral("lru-cache.json")),
                      R"({"topic": "ood-questions", "cards": [{"id": "lru-cache/1",
                          "front": "Again?", "back": "Yes."}]})"));

        QTemporaryDir data;
        auto settings = freshSettings(QStringLiteral("merge.ini"));
        Workspace workspace(data.path(), sds::content::ContentPaths(root.path()));
        const QStringList review = workspace.problems(Workspace::Area::Review);
        QCOMPARE(review.size(), 1);
        QVERIFY2(
            review.first().startsWith(QStringLiteral("The built-in decks could not be merged")),
            qPrintable(review.first()));
        QCOMPARE(workspace.problems().size(), 1); // the copy itself is sound
        MainWindow window(*settings, workspace);
        QCOMPARE(window.statusBar()->currentMessage(), review.first());
        // Still there once the window is up, as main() brings it up with --view review.
        StartupOptions options;
        options.view = Mode::Review;
        QVERIFY(window.apply(options).isEmpty());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.statusBar()->currentMessage(), review.first());
    }

    void restoresModeThemeAndSize()
    {
        auto settings = freshSettings(QStringLiteral("restore.ini"));
        {
            auto w = shownWindow(*settings);
            w->setCurrentMode(Mode::Lab);
            w->findChild<QAction *>(QStringLiteral("darkThemeAction"))->trigger();
            w->resize(960, 700);
            QTest::qWait(50);
            w->close();
        }
        {
            auto w = shownWindow(*settings);
            QCOMPARE(w->currentMode(), Mode::Lab);
            QCOMPARE(w->theme()->choice(), ThemeChoice::Dark);
            QVERIFY(w->findChild<QAction *>(QStringLiteral("darkThemeAction"))->isChecked());
            QCOMPARE(w->size(), QSize(960, 700));
            w->findChild<QAction *>(QStringLiteral("systemThemeAction"))->trigger();
            w->close();
        }
    }

    // The lab's docks come back where they were left, whichever mode the
    // app restarts in (the lab page is hidden behind Learn or Review).
    void labDocksComeBackWhereTheyWereLeft_data()
    {
        QTest::addColumn<Mode>("restartIn");
        QTest::newRow("lab") << Mode::Lab;
        QTest::newRow("learn") << Mode::Learn;
    }

    void labDocksComeBackWhereTheyWereLeft()
    {
        QFETCH(Mode, restartIn);
        auto settings = freshSettings(QStringLiteral("docks-%1.ini").arg(modeKey(restartIn)));
        const auto dock = [](MainWindow &w, const char *name) {
            auto *d = w.lab()->findChild<QDockWidget *>(QString::fromLatin1(name));
            if (!d)
                qFatal("the lab has no %s", name);
            return d;
        };
        {
            auto w = shownWindow(*settings);
            w->setCurrentMode(Mode::Lab);
            QCOMPARE(w->lab()->dockWidgetArea(dock(*w, "chartsDock")), Qt::BottomDockWidgetArea);
            QVERIFY(dock(*w, "problemsDock")->isVisible());
            dock(*w, "problemsDock")->close();
            w->lab()->addDockWidget(Qt::RightDockWidgetArea, dock(*w, "chartsDock"));
            w->setCurrentMode(restartIn);
            w->close();
        }
        {
            auto w = shownWindow(*settings);
            QCOMPARE(w->currentMode(), restartIn);
            w->setCurrentMode(Mode::Lab);
            QVERIFY(dock(*w, "problemsDock")->isHidden());
            QCOMPARE(w->lab()->dockWidgetArea(dock(*w, "chartsDock")), Qt::RightDockWidgetArea);
            QVERIFY(dock(*w, "chartsDock")->isVisible());
            QVERIFY(dock(*w, "propertiesDock")->isVisible());
            w->setCurrentMode(Mode::Learn);
            w->close();
        }
        {
            auto w = shownWindow(*settings);
            w->setCurrentMode(Mode::Lab);
            QVERIFY(dock(*w, "problemsDock")->isHidden());
            QCOMPARE(w->lab()->dockWidgetArea(dock(*w, "chartsDock")), Qt::RightDockWidgetArea);
        }
    }

    // Dock sizes survive a restart too, not only where each dock sits.
    void labDockSizesComeBack()
    {
        auto settings = freshSettings(QStringLiteral("docksizes.ini"));
        const auto dock = [](MainWindow &w, const char *name) {
            return w.lab()->findChild<QDockWidget *>(QString::fromLatin1(name));
        };
        int width = 0;
        int height = 0;
        {
            auto w = shownWindow(*settings);
            w->resize(1300, 850);
            w->setCurrentMode(Mode::Lab);
            QTest::qWait(50);
            w->lab()->resizeDocks({dock(*w, "propertiesDock")}, {420}, Qt::Horizontal);
            w->lab()->resizeDocks({dock(*w, "chartsDock")}, {200}, Qt::Vertical);
            QTest::qWait(50);
            width = dock(*w, "propertiesDock")->width();
            height = dock(*w, "chartsDock")->height();
            QVERIFY(std::abs(width - 420) <= 2);
            w->close();
        }
        {
            auto w = shownWindow(*settings);
            QTRY_COMPARE(dock(*w, "propertiesDock")->width(), width);
            QCOMPARE(dock(*w, "chartsDock")->height(), height);
        }
    }

    // A layout saved with other docks (one added since, as a new panel
    // would be) is not applied half-way: the lab keeps its default layout.
    void aLayoutOfOtherDocksFallsBackToTheDefault()
    {
        auto settings = freshSettings(QStringLiteral("otherdocks.ini"));
        {
            auto w = shownWindow(*settings);
            w->setCurrentMode(Mode::Lab);
            auto *charts = w->lab()->findChild<QDockWidget *>(QStringLiteral("chartsDock"));
            w->lab()->addDockWidget(Qt::RightDockWidgetArea, charts);
            w->close();
        }
        auto *workspace = new Workspace(m_dir.path());
        Window w(new MainWindow(*settings, *workspace), WindowDeleter{workspace});
        auto *extra = new QDockWidget(QStringLiteral("Sweep"), w->lab());
        extra->setObjectName(QStringLiteral("sweepDock"));
        w->lab()->addDockWidget(Qt::BottomDockWidgetArea, extra);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->setCurrentMode(Mode::Lab);
        QCoreApplication::processEvents();
        auto *charts = w->lab()->findChild<QDockWidget *>(QStringLiteral("chartsDock"));
        QCOMPARE(w->lab()->dockWidgetArea(charts), Qt::BottomDockWidgetArea);
        QVERIFY(charts->isVisible());
        QVERIFY(extra->isVisible());
    }

    // The first window, with nothing saved, takes a share of the screen, centred.
    void theFirstWindowIsSizedFromTheScreen()
    {
        auto settings = freshSettings(QStringLiteral("firstsize.ini"));
        auto w = shownWindow(*settings);
        const QRect avail = w->screen()->availableGeometry();
        const QSize expected = QSize(int(avail.width() * 0.85), int(avail.height() * 0.85))
                                   .expandedTo(w->minimumSizeHint())
                                   .boundedTo(avail.size());
        QCOMPARE(w->size(), expected);
        QVERIFY(w->size() != QSize(1280, 800)); // not a fixed size any more
        QVERIFY2((w->geometry().center() - avail.center()).manhattanLength() <= 4,
                 qPrintable(QStringLiteral("centre %1,%2 on a screen centred at %3,%4")
                                .arg(w->geometry().center().x())
                                .arg(w->geometry().center().y())
                                .arg(avail.center().x())
                                .arg(avail.center().y())));
    }

    // A closed dock comes back from View › Panels.
    void panelsMenuBringsAClosedDockBack()
    {
        auto settings = freshSettings(QStringLiteral("panels.ini"));
        auto w = shownWindow(*settings);
        w->setCurrentMode(Mode::Lab);
        auto *panels = w->findChild<QMenu *>(QStringLiteral("panelsMenu"));
        QVERIFY(panels);
        QStringList titles;
        for (QAction *a : panels->actions())
            titles << a->text();
        QCOMPARE(titles, (QStringList{QStringLiteral("Components"), QStringLiteral("Properties"),
                                      QStringLiteral("Problems"), QStringLiteral("Challenge"),
                                      QStringLiteral("Charts"), QStringLiteral("Analytic twin"),
                                      QStringLiteral("Report"), QStringLiteral("Sweep"),
                                      QStringLiteral("Compare")}));
        auto *problems = w->lab()->findChild<QDockWidget *>(QStringLiteral("problemsDock"));
        QVERIFY(problems->isVisible());
        problems->close();
        QVERIFY(!panels->actions().at(2)->isChecked());
        panels->actions().at(2)->trigger();
        QVERIFY(problems->isVisible());
        QCOMPARE(w->lab()->dockWidgetArea(problems), Qt::RightDockWidgetArea);
    }

    // Ctrl++ and Ctrl+- are listed once, and act on the mode in front.
    void oneZoomPairActsOnTheModeInFront()
    {
        auto settings = freshSettings(QStringLiteral("zoom.ini"));
        auto w = shownWindow(*settings);
        const auto holding = [&w](QKeySequence::StandardKey key) {
            int n = 0;
            for (QAction *a : w->findChildren<QAction *>())
                n += a->shortcuts().contains(QKeySequence(key)) ? 1 : 0;
            return n;
        };
        QCOMPARE(holding(QKeySequence::ZoomIn), 1);
        QCOMPARE(holding(QKeySequence::ZoomOut), 1);
        QMenu *view = nullptr;
        for (QMenu *m : w->menuBar()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly))
            if (m->title() == QStringLiteral("&View"))
                view = m;
        QVERIFY(view);
        QVERIFY(view->actions().contains(w->findChild<QAction *>(QStringLiteral("zoomInAction"))));
        QVERIFY(view->actions().contains(w->findChild<QAction *>(QStringLiteral("zoomOutAction"))));

        const auto press = [&w](Qt::Key key) {
            QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : w.get();
            QTest::keyClick(target, key, Qt::ControlModifier);
        };
        w->setCurrentMode(Mode::Lab);
        auto *canvas = w->lab()->findChild<DiagramView *>(QStringLiteral("diagramView"));
        canvas->setFocus();
        const qreal before = canvas->zoom();
        press(Qt::Key_Plus);
        QVERIFY2(canvas->zoom() > before * 1.2, qPrintable(QString::number(canvas->zoom())));
        press(Qt::Key_Minus);
        QVERIFY(qAbs(canvas->zoom() - before) < 1e-9);

        w->setCurrentMode(Mode::Learn);
        const auto textZoom = [&w] {
            return w->workspace().progress().value(QStringLiteral("reader_zoom")).toInt();
        };
        const int text = textZoom();
        const qreal lab = canvas->zoom();
        press(Qt::Key_Plus);
        QCOMPARE(textZoom(), text + 1);
        QCOMPARE(canvas->zoom(), lab); // the lab behind is left alone
        press(Qt::Key_Minus);
        QCOMPARE(textZoom(), text);
    }

    // Browse and Stats open centred over the window, within the screen, and
    // come back where they were left, after a restart too.
    void browserAndStatsOpenCentredAndRememberWhereTheyWere()
    {
        auto settings = freshSettings(QStringLiteral("browser.ini"));
        QRect left;
        {
            auto w = shownWindow(*settings);
            w->setCurrentMode(Mode::Review);
            const QRect available = w->screen()->availableGeometry();
            w->review()->openBrowser();
            w->review()->openStats();
            for (const char *name : {"cardBrowser", "statsView"}) {
                auto *window = w->findChild<QWidget *>(QString::fromLatin1(name));
                QVERIFY(window);
                QTRY_VERIFY(window->isVisible());
                QVERIFY2(available.contains(window->frameGeometry()), name);
                const QPoint off = window->frameGeometry().center() - w->frameGeometry().center();
                QVERIFY2(off.manhattanLength() <= 4, name);
                QVERIFY(window->width() < 1040 || available.width() >= 1040 / 0.65);
            }
            auto *browser = w->findChild<QWidget *>(QStringLiteral("cardBrowser"));
            browser->setGeometry(available.left() + 20, available.top() + 30, browser->width() - 40,
                                 browser->height() - 30);
            left = browser->geometry();
            browser->close();
            QVERIFY(settings->contains(QStringLiteral("review/browserGeometry")));
            w->close();
        }
        auto w = shownWindow(*settings);
        w->review()->openBrowser();
        auto *browser = w->findChild<QWidget *>(QStringLiteral("cardBrowser"));
        QTRY_VERIFY(browser->isVisible());
        QCOMPARE(browser->geometry(), left);
    }

    void themeChoicesChangeThePalette()
    {
        auto settings = freshSettings(QStringLiteral("theme.ini"));
        auto w = shownWindow(*settings);
        QSignalSpy changed(w->theme(), &Theme::changed);

        w->findChild<QAction *>(QStringLiteral("darkThemeAction"))->trigger();
        QVERIFY(w->theme()->isDark());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
        QTRY_VERIFY(w->palette().color(QPalette::Window).lightness() < 100);
        QCOMPARE(settings->value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
        // Sidebar icons are redrawn in the new text colour: light ink on dark.
        QVERIFY(inkLightness(w->modeAction(Mode::Lab)->icon()) > 160);

        w->findChild<QAction *>(QStringLiteral("lightThemeAction"))->trigger();
        QVERIFY(!w->theme()->isDark());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
        QVERIFY(inkLightness(w->modeAction(Mode::Lab)->icon()) < 90);
        QVERIFY(changed.count() >= 2);

        // Back to the platform's palette, which is light on the offscreen platform.
        w->findChild<QAction *>(QStringLiteral("systemThemeAction"))->trigger();
        QCOMPARE(w->theme()->choice(), ThemeChoice::System);
        QVERIFY(!QCoreApplication::testAttribute(Qt::AA_SetPalette));
        QVERIFY(!w->theme()->isDark());
    }

    void aboutFromHelpMenuCreditsThePrimer()
    {
        auto settings = freshSettings(QStringLiteral("about.ini"));
        auto w = shownWindow(*settings);
        QString body;
        QString title;
        // The dialog is modal: inspect and close it from inside its event loop.
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<AboutDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            body = dialog->bodyHtml();
            title = dialog->windowTitle();
            dialog->reject();
        });
        w->findChild<QAction *>(QStringLiteral("aboutAction"))->trigger();
        QVERIFY(title.contains(sds::appinfo::name()));
        QVERIFY(body.contains(sds::appinfo::name()));
        QVERIFY(body.contains(sds::appinfo::version()));
        QVERIFY(body.contains(QStringLiteral("The System Design Primer")));
        QVERIFY(body.contains(QStringLiteral("CC BY 4.0")));
        QVERIFY(body.contains(sds::appinfo::primerUrl()));
        QVERIFY(body.contains(sds::appinfo::licenceUrl()));
        QVERIFY(body.contains(QStringLiteral("MIT licence"))); // the app's own licence
    }

    void recentFilesListWhatWasOpenedAndSaved()
    {
        auto settings = freshSettings(QStringLiteral("recent.ini"));
        auto w = shownWindow(*settings);
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.json"));
        const QString b = dir.filePath(QStringLiteral("b.json"));
        w->lab()->newDiagram();
        QVERIFY(w->lab()->saveFile(a));
        QVERIFY(w->lab()->saveFile(b));
        QVERIFY(w->lab()->openFile(a));
        QCOMPARE(w->recentFiles(), (QStringList{a, b})); // most recent first, no duplicates
        auto *menu = w->findChild<QMenu *>(QStringLiteral("recentMenu"));
        QVERIFY(menu);
        QFile::remove(b);
        emit menu->aboutToShow(); // a file that is gone drops out
        QCOMPARE(menu->actions().size(), 1);
        QCOMPARE(w->recentFiles(), QStringList{a});
        w->setCurrentMode(Mode::Learn);
        menu->actions().first()->trigger();
        QCOMPARE(w->currentMode(), Mode::Lab);
        QCOMPARE(w->lab()->filePath(), a);
    }

    void screenshotIsThePaintedWindow()
    {
        auto settings = freshSettings(QStringLiteral("shot.ini"));
        auto w = shownWindow(*settings);
        const QString path = m_dir.filePath(QStringLiteral("shot.png"));
        QCOMPARE(saveScreenshot(w.get(), path), QString());
        QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), w->size() * w->devicePixelRatio());
        // A painted window has the sidebar, text and icons: many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

        const QString bad = saveScreenshot(w.get(), QStringLiteral("/proc/no/shot.png"));
        QVERIFY(bad.contains(QStringLiteral("cannot write")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
