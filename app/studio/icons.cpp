#include "app/studio/icons.h"

#include <QFile>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace sds::gui {

namespace {

QByteArray loadSvg(const QString &name)
{
    QFile file(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        qWarning("icon %s is missing from the resources", qPrintable(name));
    return file.readAll();
}

// Renders the SVG on demand at whatever size is asked, instead of a fixed
// set of pre-rendered pixmaps.
class SvgIconEngine final : public QIconEngine
{
public:
    SvgIconEngine(QByteArray svg, QColor color, QColor checkedColor)
        : m_svg(std::move(svg))
        , m_color(color)
        , m_checkedColor(checkedColor)
    {}

    // The canvas paints hundreds of icons per frame: draw cached pixmaps
    // (one per size, mode and state, at the device's pixel ratio) instead of
    // parsing and rendering the SVG every time.
    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const QSize pixels = (QSizeF(rect.size()) * dpr).toSize();
        const QString key = QStringLiteral("%1x%2-%3-%4")
                                .arg(pixels.width())
                                .arg(pixels.height())
                                .arg(int(mode))
                                .arg(int(state));
        auto it = m_cache.find(key);
        if (it == m_cache.end()) {
            QPixmap pm(pixels);
            pm.fill(Qt::transparent);
            QPainter p(&pm);
            render(&p, QRectF(QPointF(0, 0), QSizeF(pixels)), mode, state);
            p.end();
            pm.setDevicePixelRatio(dpr);
            it = m_cache.insert(key, pm);
        }
        painter->drawPixmap(rect, *it);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter painter(&pm);
        render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), mode, state);
        return pm;
    }

    QIconEngine *clone() const override
    {
        return new SvgIconEngine(m_svg, m_color, m_checkedColor);
    }

private:
    void render(QPainter *painter, const QRectF &rect, QIcon::Mode mode, QIcon::State state)
    {
        QByteArray data = m_svg;
        const QColor color =
            state == QIcon::On && m_checkedColor.isValid() ? m_checkedColor : m_color;
        if (color.isValid())
            data.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
        QSvgRenderer renderer(data);
        painter->save();
        if (mode == QIcon::Disabled)
            painter->setOpacity(0.4);
        renderer.render(painter, rect);
        painter->restore();
    }

    QByteArray m_svg;
    QColor m_color;
    QColor m_checkedColor;
    QHash<QString, QPixmap> m_cache;
};

} // namespace

QIcon themedIcon(const QString &name, const QColor &color, const QColor &checkedColor)
{
    return QIcon(new SvgIconEngine(loadSvg(name), color, checkedColor));
}

QIcon colorIcon(const QString &name)
{
    return QIcon(new SvgIconEngine(loadSvg(name), QColor(), QColor()));
}

} // namespace sds::gui
