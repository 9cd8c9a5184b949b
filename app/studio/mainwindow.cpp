#include "app/studio/mainwindow.h"

#include "app/studio/aboutdialog.h"
#include "app/studio/icons.h"
#include "app/studio/lab/challengepanel.h"
#include "app/studio/lab/labpage.h"
#include "app/studio/labnotes.h"
#include "app/studio/learn/learnpage.h"
#include "app/studio/modebar.h"
#include "app/studio/review/reviewpage.h"
#include "app/studio/screenshot.h"
#include "app/studio/startupoptions.h"
#include "app/studio/theme.h"
#include "app/studio/windowgeometry.h"
#include "app/studio/workspace.h"
#include "core/appinfo.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>
#include <QUndoGroup>
#include <QUrl>

namespace sds::gui {

namespace {

// Bump when docks or toolbars change so an old saved layout is not applied.
constexpr int kWindowStateVersion = 1;
// The first window's share of the screen's available area, before any is saved.
constexpr QSizeF kFirstShare(0.85, 0.85);

const auto kGeometryKey = QStringLiteral("window/geometry");
const auto kStateKey = QStringLiteral("window/state");
const auto kModeKey = QStringLiteral("window/mode");
const auto kLabStateKey = QStringLiteral("lab/state");
const auto kRecentKey = QStringLiteral("lab/recent");
constexpr int kMaxRecent = 8;
const auto kThemeKey = QStringLiteral("view/theme");

QString iconName(Mode mode)
{
    return modeKey(mode);
}

std::size_t index(Mode mode)
{
    return static_cast<std::size_t>(mode);
}

} // namespace

MainWindow::MainWindow(QSettings &settings, Workspace &workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_workspace(workspace)
    , m_theme(new Theme(this))
    , m_modeBar(new ModeBar(this))
    , m_stack(new QStackedWidget(this))
    , m_undoGroup(new QUndoGroup(this))
    , m_modeGroup(new QActionGroup(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(appinfo::name());
    setWindowIcon(colorIcon(QStringLiteral("sdstudio")));

    createPages();
    createActions();
    createMenus();

    auto *central = new QWidget(this);
    auto *row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(m_modeBar);
    row->addWidget(m_stack, 1);
    setCentralWidget(central);

    connect(m_theme, &Theme::changed, this, &MainWindow::applyThemeColors);
    restoreSettings();
    applyThemeColors();
    // Collected while the workspace opened, before this window could listen.
    QStringList problems;
    for (const Workspace::Problem &p : m_workspace.problems())
        problems.append(p.text);
    if (problems.isEmpty())
        statusBar()->showMessage(tr("Ready · your data is kept in %1")
                                     .arg(QDir::toNativeSeparators(m_workspace.dataDir())),
                                 8000);
    else
        statusBar()->showMessage(problems.join(QStringLiteral(" · ")), 15000);
}

MainWindow::~MainWindow() = default;

void MainWindow::createPages()
{
    m_learn = new LearnPage(m_workspace, m_stack);
    m_pages[index(Mode::Learn)] = m_learn;
    m_stack->addWidget(m_learn);
    connect(m_learn, &LearnPage::openScenarioRequested, this, &MainWindow::openScenario);
    connect(m_learn, &LearnPage::openDiagramRequested, this, [this](const diagram::DiagramData &d) {
        if (!m_lab->maybeSave())
            return;
        m_lab->loadTemplate(d);
        setCurrentMode(Mode::Lab);
        statusBar()->showMessage(tr("Lab scenario built from the estimate"), 6000);
    });
    connect(m_learn, &LearnPage::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_learn, &LearnPage::tryOwnDesignRequested, this, &MainWindow::tryOwnDesign);
    m_lab = new LabPage(m_stack);
    m_pages[index(Mode::Lab)] = m_lab;
    m_stack->insertWidget(int(index(Mode::Lab)), m_lab);
    m_undoGroup->addStack(m_lab->undoStack());
    m_lab->document().setAutosaveFolder(m_workspace.dataDir());
    connect(m_lab, &LabPage::documentTitleChanged, this, &MainWindow::updateTitle);
    connect(m_lab, &LabPage::fileUsed, this, &MainWindow::rememberFile);
    connect(m_lab, &LabPage::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_learn, &LearnPage::openChallengeRequested, this, &MainWindow::openChallenge);
    connect(m_lab, &LabPage::challengeSolved, this, &MainWindow::challengeSolved);
    connect(m_lab, &LabPage::openTopicRequested, this, [this](const QString &id) {
        setCurrentMode(Mode::Learn);
        m_learn->openTopic(id);
    });
    connect(m_lab, &LabPage::flashcardRequested, this, &MainWindow::addLabNote);
    m_lab->challengePanel()->setTopicTitles([this](const QString &id) {
        const content::Topic *t = m_workspace.library().find(id);
        return t ? t->title : QString();
    });
    m_review = new ReviewPage(m_workspace, m_stack);
    m_review->setWindowSettings(&m_settings);
    m_pages[index(Mode::Review)] = m_review;
    m_stack->addWidget(m_review);
    connect(m_review, &ReviewPage::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_learn, &LearnPage::openDeckRequested, this, [this](const QString &id) {
        setCurrentMode(Mode::Review);
        m_review->showDeck(id);
    });
    connect(m_review, &ReviewPage::openChallengeRequested, this,
            [this](const QString &id) { openChallenge(id); });
    connect(m_review, &ReviewPage::openLabNoteRequested, this, &MainWindow::openLabNote);
    connect(m_review, &ReviewPage::openTopicRequested, this, [this](const QString &id) {
        setCurrentMode(Mode::Learn);
        m_learn->openTopic(id);
    });
}

void MainWindow::createActions()
{
    m_modeGroup->setExclusive(true);
    for (Mode mode : kAllModes) {
        auto *action = new QAction(modeTitle(mode), this);
        action->setObjectName(modeKey(mode) + QStringLiteral("ModeAction"));
        action->setCheckable(true);
        const int number = static_cast<int>(index(mode)) + 1;
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number)));
        action->setToolTip(tr("%1 (%2)").arg(
            modeTitle(mode), action->shortcut().toString(QKeySequence::NativeText)));
        m_modeGroup->addAction(action);
        m_modeActions[index(mode)] = action;
        QToolButton *button = m_modeBar->addModeAction(action);
        if (mode == Mode::Review) {
            // The number of cards due now, under the sidebar's Review label.
            // The sidebar shows the icon text; menus keep the plain title.
            const auto showDue = [action](int due) {
                action->setIconText(due > 0 ? tr("%1\n%2").arg(modeTitle(Mode::Review)).arg(due)
                                            : modeTitle(Mode::Review));
                action->setToolTip(
                    tr("%1 (Ctrl+3): %n card(s) due", nullptr, due).arg(modeTitle(Mode::Review)));
            };
            connect(m_review, &ReviewPage::dueCountChanged, action, showDue);
            showDue(m_review->dueNow());
            button->setObjectName(QStringLiteral("reviewModeButton"));
        }
        connect(action, &QAction::triggered, this, [this, mode] { setCurrentMode(mode); });
    }
    m_modeActions[index(Mode::Learn)]->setChecked(true);
}

bool MainWindow::openScenario(const QString &id)
{
    const diagram::ScenarioEntry *entry = m_workspace.scenarios().find(id);
    if (!entry) {
        statusBar()->showMessage(tr("There is no lab template '%1'").arg(id), 6000);
        return false;
    }
    if (!m_lab->maybeSave())
        return false;
    m_lab->loadTemplate(entry->diagram);
    m_workspace.progress().markScenarioTried(id);
    setCurrentMode(Mode::Lab);
    statusBar()->showMessage(tr("Template: %1").arg(entry->name), 6000);
    return true;
}

bool MainWindow::tryOwnDesign(const QString &referenceId)
{
    const diagram::ScenarioEntry *entry = m_workspace.scenarios().find(referenceId);
    if (!entry) {
        statusBar()->showMessage(tr("The reference design '%1' cannot be loaded").arg(referenceId),
                                 8000);
        return false;
    }
    if (!m_lab->maybeSave())
        return false;
    setCurrentMode(Mode::Lab);
    m_lab->startAttempt(entry->diagram);
    return true;
}

bool MainWindow::openChallenge(const QString &id)
{
    const challenge::Challenge *c = m_workspace.challenges().find(id);
    if (!c) {
        statusBar()->showMessage(tr("There is no challenge '%1'").arg(id), 6000);
        return false;
    }
    if (!m_lab->maybeSave())
        return false;
    setCurrentMode(Mode::Lab);
    m_lab->openChallenge(*c, m_workspace.progress().isChallengeSolved(id));
    statusBar()->showMessage(tr("Challenge: %1. Build a design that meets the goals, then Check "
                                "my design")
                                 .arg(c->title),
                             8000);
    return true;
}

void MainWindow::challengeSolved(const QString &id)
{
    study::ProgressStore &progress = m_workspace.progress();
    if (!progress.setChallengeSolved(id, true))
        statusBar()->showMessage(
            tr("Solved, but the mark could not be saved: %1").arg(progress.error()), 10000);
    m_learn->refreshChallenges();
}

// Cards the learner makes in the lab go to a deck of their own, made the first time.
void MainWindow::addLabNote(const QString &front, const QString &back,
                            const diagram::DiagramData &design, const QString &topic)
{
    const auto deck =
        gui::addLabNote(m_workspace.cards(), m_workspace.dataDir(), {front, back, topic, design});
    if (!deck) {
        statusBar()->showMessage(tr("The card could not be added: %1").arg(deck.error()), 10000);
        return;
    }
    m_review->refresh();
    statusBar()->showMessage(tr("Card added to the deck “%1”").arg(*deck), 6000);
}

void MainWindow::openLabNote(const QString &fileName)
{
    const auto design = gui::loadLabNoteDesign(m_workspace.dataDir(), fileName);
    if (!design) {
        statusBar()->showMessage(design.error(), 8000);
        return;
    }
    setCurrentMode(Mode::Lab);
    if (!m_lab->maybeSave())
        return;
    m_lab->loadTemplate(*design); // untitled: saving asks where, the copy stays as it is
    statusBar()->showMessage(tr("The design from the card, as it was: “%1”").arg(design->name),
                             6000);
}

void MainWindow::fillChallengesMenu(QMenu *menu)
{
    menu->clear();
    const QSet<QString> solved = m_workspace.progress().solvedChallenges();
    for (const challenge::Challenge &c : m_workspace.challenges().entries()) {
        const bool done = solved.contains(c.id);
        // The mark is a character, not a check box: the action opens, it does not toggle.
        QAction *a =
            menu->addAction(QStringLiteral("%1  %2 · level %3")
                                .arg(done ? QStringLiteral("✓") : QStringLiteral("○"), c.title)
                                .arg(c.level),
                            this, [this, id = c.id] { openChallenge(id); });
        a->setData(c.id);
        a->setStatusTip(done ? tr("Solved; open it again to try another design")
                             : tr("Not solved yet"));
    }
    if (menu->isEmpty())
        menu->addAction(tr("No challenges found"))->setEnabled(false);
}

QStringList MainWindow::apply(const StartupOptions &options)
{
    QStringList failures;
    if (options.view)
        setCurrentMode(*options.view);
    if (!options.openFile.isEmpty() && !m_lab->openFile(options.openFile))
        failures << tr("cannot open the diagram '%1'").arg(options.openFile);
    if (!options.scenario.isEmpty() && !openScenario(options.scenario))
        failures << tr("there is no lab template '%1'").arg(options.scenario);
    if (!options.topic.isEmpty()) {
        const bool found = options.search.isEmpty()
                               ? m_learn->openTopic(options.topic)
                               : m_learn->openSearchResult(options.topic, options.search);
        if (!found)
            failures << tr("there is no page '%1'").arg(options.topic);
    } else if (!options.search.isEmpty()) {
        m_learn->search(options.search);
    }
    if (failures.isEmpty() && options.run)
        m_lab->run();
    return failures;
}

void MainWindow::offerRecovery()
{
    m_lab->offerRecovery();
}

QStringList MainWindow::recentFiles() const
{
    return m_settings.value(kRecentKey).toStringList();
}

void MainWindow::rememberFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent)
        files.removeLast();
    m_settings.setValue(kRecentKey, files);
}

void MainWindow::fillRecentMenu(QMenu *menu)
{
    menu->clear();
    QStringList files = recentFiles();
    files.removeIf([](const QString &f) { return !QFileInfo::exists(f); });
    m_settings.setValue(kRecentKey, files);
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        QAction *a =
            menu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()),
                            this, [this, path] {
                                if (m_lab->maybeSave() && m_lab->openFile(path))
                                    setCurrentMode(Mode::Lab);
                            });
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (files.isEmpty())
        menu->addAction(tr("No recent diagrams"))->setEnabled(false);
    menu->setToolTipsVisible(true);
}

void MainWindow::updateTitle(const QString &document, bool modified)
{
    // The diagram is the app's one document; its name shows while it is in front.
    if (currentMode() == Mode::Lab)
        setWindowTitle(QStringLiteral("%1[*] — %2").arg(document, appinfo::name()));
    else
        setWindowTitle(appinfo::name());
    setWindowModified(currentMode() == Mode::Lab && modified);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_lab->newAction());
    QMenu *templates = file->addMenu(tr("New from &Template"));
    templates->setObjectName(QStringLiteral("templatesMenu"));
    connect(templates, &QMenu::aboutToShow, this, [this, templates] {
        templates->clear();
        for (const diagram::ScenarioEntry &e : m_workspace.scenarios().entries()) {
            QAction *a =
                templates->addAction(e.name, this, [this, id = e.id] { openScenario(id); });
            a->setToolTip(e.description);
            a->setStatusTip(e.description);
        }
        if (templates->isEmpty())
            templates->addAction(tr("No templates found"))->setEnabled(false);
    });
    templates->setToolTipsVisible(true);
    file->addAction(m_lab->openAction());
    QMenu *recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("recentMenu"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] { fillRecentMenu(recent); });
    file->addSeparator();
    file->addAction(m_lab->saveAction());
    file->addAction(m_lab->saveAsAction());
    file->addAction(m_lab->exportAction());
    file->addSeparator();
    file->addAction(m_review->importAction());
    file->addAction(m_review->exportAction());
    file->addSeparator();
    file->addAction(tr("Save Window Screenshot…"), this, &MainWindow::saveScreenshotAs);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    // Undo and Redo follow whichever mode's undo stack is active; they read
    // "Undo <what>" once a mode registers a stack with the group.
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    for (QAction *a : m_lab->clipboardActions())
        edit->addAction(a);
    edit->addAction(m_lab->deleteAction());
    edit->addAction(m_lab->selectAllAction());
    edit->addSeparator();
    edit->addAction(m_learn->searchAction());
    edit->addAction(m_learn->doneAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *themeMenu = view->addMenu(tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    const std::array themes{std::pair{ThemeChoice::System, tr("Follow &System")},
                            std::pair{ThemeChoice::Light, tr("&Light")},
                            std::pair{ThemeChoice::Dark, tr("&Dark")}};
    for (const auto &[choice, label] : themes) {
        QAction *action = themeMenu->addAction(label);
        action->setObjectName(themeKey(choice) + QStringLiteral("ThemeAction"));
        action->setCheckable(true);
        action->setData(themeKey(choice));
        m_themeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice = choice] {
            m_theme->setChoice(choice);
            m_settings.setValue(kThemeKey, themeKey(choice));
        });
    }
    view->addSeparator();
    // One pair for Learn and Lab: each page's own zoom actions have no keys,
    // so Ctrl++ and Ctrl+- are listed once and never ambiguous.
    m_zoomIn = view->addAction(tr("Zoom &In"), this, [this] { zoomFront(0); });
    m_zoomIn->setObjectName(QStringLiteral("zoomInAction"));
    // Ctrl+= as well, since Ctrl++ needs Shift on most keyboards.
    m_zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomIn->setStatusTip(tr("Larger text in Learn, closer canvas in Lab"));
    m_zoomOut = view->addAction(tr("Zoom &Out"), this, [this] { zoomFront(1); });
    m_zoomOut->setObjectName(QStringLiteral("zoomOutAction"));
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    m_zoomOut->setStatusTip(tr("Smaller text in Learn, farther canvas in Lab"));
    view->addAction(m_lab->viewActions().last()); // fit the diagram
    view->addSeparator();
    QMenu *panels = view->addMenu(tr("&Panels"));
    panels->setObjectName(QStringLiteral("panelsMenu"));
    panels->setStatusTip(tr("Show or hide the lab's panels"));
    panels->addActions(m_lab->panelActions());
    view->addSeparator();
    QAction *fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this,
            [this](bool on) { setWindowState(windowState().setFlag(Qt::WindowFullScreen, on)); });

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (QAction *action : m_modeActions)
        go->addAction(action);
    go->addSeparator();
    m_quickOpenAction = go->addAction(tr("&Quick Open…"), this, [this] { m_learn->quickOpen(); });
    m_quickOpenAction->setObjectName(QStringLiteral("quickOpenAction"));
    m_quickOpenAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    go->addSeparator();
    for (QAction *a : m_learn->navigationActions())
        go->addAction(a);

    QMenu *lab = menuBar()->addMenu(tr("&Lab"));
    lab->addAction(m_lab->runAction());
    lab->addAction(m_lab->stepAction());
    lab->addAction(m_lab->resetAction());
    lab->addSeparator();
    QMenu *challenges = lab->addMenu(tr("&Challenges"));
    challenges->setObjectName(QStringLiteral("challengesMenu"));
    connect(challenges, &QMenu::aboutToShow, this,
            [this, challenges] { fillChallengesMenu(challenges); });
    fillChallengesMenu(challenges);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("The System Design &Primer (website)"), this,
                    [] { QDesktopServices::openUrl(QUrl(appinfo::primerUrl())); });
    help->addSeparator();
    QAction *about =
        help->addAction(tr("&About %1").arg(appinfo::name()), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

Mode MainWindow::currentMode() const
{
    return kAllModes[static_cast<std::size_t>(m_stack->currentIndex())];
}

void MainWindow::zoomFront(int which)
{
    const Mode mode = currentMode();
    const QList<QAction *> zoom = mode == Mode::Lab     ? m_lab->viewActions()
                                  : mode == Mode::Learn ? m_learn->viewActions()
                                                        : QList<QAction *>{};
    if (which < zoom.size())
        zoom.at(which)->trigger();
}

void MainWindow::setCurrentMode(Mode mode)
{
    m_modeActions[index(mode)]->setChecked(true);
    // Review has nothing to zoom.
    m_zoomIn->setEnabled(mode != Mode::Review);
    m_zoomOut->setEnabled(mode != Mode::Review);
    if (m_stack->currentWidget() == page(mode))
        return;
    m_stack->setCurrentWidget(page(mode));
    // Undo and Redo follow the page in front.
    m_undoGroup->setActiveStack(mode == Mode::Lab ? m_lab->undoStack() : nullptr);
    updateTitle(m_lab->displayName(), m_lab->isModified());
    m_settings.setValue(kModeKey, modeKey(mode));
    if (mode == Mode::Review)
        m_review->refresh(); // time has passed: more cards may be due
    emit currentModeChanged(mode);
}

QWidget *MainWindow::page(Mode mode) const
{
    return m_pages[index(mode)];
}

QAction *MainWindow::modeAction(Mode mode) const
{
    return m_modeActions[index(mode)];
}

void MainWindow::restoreSettings()
{
    if (!restoreGeometry(m_settings.value(kGeometryKey).toByteArray())) {
        // First start: a share of the screen, centred on it.
        const QRect avail = screen()->availableGeometry();
        const QRect r = centredRect(avail, avail.center(), kFirstShare, minimumSizeHint());
        resize(r.size());
        move(r.topLeft());
    }
    restoreState(m_settings.value(kStateKey).toByteArray(), kWindowStateVersion);
    m_lab->restoreLayout(m_settings.value(kLabStateKey).toByteArray());

    const auto mode = modeFromKey(m_settings.value(kModeKey).toString());
    setCurrentMode(mode.value_or(Mode::Learn));

    const auto choice =
        themeFromKey(m_settings.value(kThemeKey).toString()).value_or(ThemeChoice::System);
    m_theme->setChoice(choice);
    for (QAction *action : m_themeGroup->actions())
        action->setChecked(action->data().toString() == themeKey(choice));
}

void MainWindow::saveSettings()
{
    m_settings.setValue(kGeometryKey, saveGeometry());
    m_settings.setValue(kStateKey, saveState(kWindowStateVersion));
    m_settings.setValue(kLabStateKey, m_lab->saveLayout());
    m_settings.setValue(kModeKey, modeKey(currentMode()));
    m_settings.setValue(kThemeKey, themeKey(m_theme->choice()));
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_lab->maybeSave()) {
        event->ignore();
        return;
    }
    m_lab->document().discardRecovery(); // a normal end: nothing to recover next time
    saveSettings();
    event->accept();
}

void MainWindow::applyThemeColors()
{
    // The application palette, not this widget's: widgets receive the new
    // palette only after this signal, through posted events.
    const QPalette palette = QApplication::palette();
    const QColor text = palette.color(QPalette::WindowText);
    for (Mode mode : kAllModes)
        m_modeActions[index(mode)]->setIcon(themedIcon(iconName(mode), text, m_theme->accent()));
    m_modeBar->setColors(palette, m_theme->accent());
    m_lab->applyTheme(m_theme->accent());
    m_learn->applyTheme(m_theme->accent());
}

void MainWindow::saveScreenshotAs()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Window Screenshot"),
        QDir::home().filePath(QStringLiteral("sdstudio-%1.png").arg(modeKey(currentMode()))),
        tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    const QString error = saveScreenshot(this, path);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Screenshot not saved"), error);
        return;
    }
    statusBar()->showMessage(tr("Screenshot saved to %1").arg(QDir::toNativeSeparators(path)),
                             5000);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

} // namespace sds::gui
