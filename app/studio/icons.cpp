#include "app/studio/icons.h"

#include <QFile>
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

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
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
        renderer.render(painter, QRectF(rect));
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter painter(&pm);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }

    QIconEngine *clone() const override
    {
        return new SvgIconEngine(m_svg, m_color, m_checkedColor);
    }

private:
    QByteArray m_svg;
    QColor m_color;
    QColor m_checkedColor;
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
