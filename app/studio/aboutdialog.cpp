#include "app/studio/aboutdialog.h"

#include "app/studio/icons.h"
#include "core/appinfo.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace sds::gui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_body(new QLabel(this))
{
    setWindowTitle(tr("About %1").arg(appinfo::name()));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(colorIcon(QStringLiteral("sdstudio")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);

    m_body->setObjectName(QStringLiteral("aboutBody"));
    m_body->setTextFormat(Qt::RichText);
    m_body->setWordWrap(true);
    m_body->setOpenExternalLinks(true);
    m_body->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_body->setMinimumWidth(420);
    m_body->setText(QStringLiteral("<h2>%1</h2><p>%2 %3</p><p>%4</p>%5%6"
                                   "<p style='color:gray'>Qt %7</p>")
                        .arg(appinfo::name().toHtmlEscaped(), tr("Version"),
                             appinfo::version().toHtmlEscaped(), appinfo::summary().toHtmlEscaped(),
                             appinfo::primerCreditHtml(), appinfo::licenceHtml(),
                             QString::fromLatin1(qVersion())));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addSpacing(12);
    row->addWidget(m_body, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setSizeGripEnabled(false);
}

QString AboutDialog::bodyHtml() const
{
    return m_body->text();
}

} // namespace sds::gui
