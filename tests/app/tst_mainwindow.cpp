#include "app/studio/aboutdialog.h"
#include "app/studio/lab/labpage.h"
#include "app/studio/learn/learnpage.h"
#include "app/studio/mainwindow.h"
#include "app/studio/screenshot.h"
#include "app/studio/startupoptions.h"
#include "app/studio/theme.h"
#include "app/studio/workspace.h"
#include "core/appinfo.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
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
