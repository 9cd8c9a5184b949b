#include "app/studio/lab/lablayout.h"

#include "app/studio/docklayout.h"

#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QMetaObject>

#include <algorithm>

namespace sds::gui {

namespace {
constexpr int kNarrowPage = 1000; // px: below, the left column joins the right one
} // namespace

LabLayout::LabLayout(QMainWindow &page)
    : QObject(&page)
    , m_page(page)
{
    page.installEventFilter(this);
}

QByteArray LabLayout::save() const
{
    // Not laid out yet this session: what was restored is still what the learner left.
    if (!m_shown || !m_pending.isEmpty())
        return m_pending;
    return saveDockLayout(m_page, kVersion);
}

void LabLayout::restore(const QByteArray &saved)
{
    if (m_shown && m_pending.isEmpty())
        restoreDockLayout(m_page, saved, kVersion);
    else
        m_pending = saved;
}

bool LabLayout::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == &m_page && event->type() == QEvent::Show && !m_shown) {
        m_shown = true;
        const auto apply = [this] {
            if (!restoreDockLayout(m_page, m_pending, kVersion))
                applyDefaultSizes();
            m_pending.clear();
        };
        // A page brought to the front of a window on screen has its size
        // already; one shown with its window gets it once that show is laid out.
        if (!m_page.isWindow() && m_page.window()->isVisible() &&
            m_page.window()->testAttribute(Qt::WA_WState_ExplicitShowHide) &&
            m_page.window()->testAttribute(Qt::WA_Mapped))
            apply();
        else
            QMetaObject::invokeMethod(this, apply, Qt::QueuedConnection);
    }
    return false;
}

void LabLayout::applyDefaultSizes()
{
    const auto dock = [this](const char *name) {
        return m_page.findChild<QDockWidget *>(QString::fromLatin1(name));
    };
    QDockWidget *palette = dock("paletteDock");
    QDockWidget *properties = dock("propertiesDock");
    QDockWidget *charts = dock("chartsDock");
    if (!palette || !properties || !charts)
        return;
    // Shares of the page, within bounds: the canvas keeps at least about
    // 40 % of the width and half the height, even in a window of 730 x 720.
    const int w = m_page.width();
    const int h = m_page.height();
    if (w < kNarrowPage) {
        // Three columns leave a sliver of canvas: Components shares a column
        // with Properties, as a tab beside it.
        m_page.tabifyDockWidget(properties, palette);
        properties->raise();
        m_page.resizeDocks({properties}, {std::clamp(int(w * 0.34), 210, 300)}, Qt::Horizontal);
    } else {
        m_page.resizeDocks(
            {palette, properties},
            {std::clamp(int(w * 0.17), 150, 240), std::clamp(int(w * 0.24), 210, 340)},
            Qt::Horizontal);
    }
    m_page.resizeDocks({charts}, {std::clamp(int(h * 0.32), 190, 330)}, Qt::Vertical);
}

} // namespace sds::gui
