#include "app/studio/review/editcarddialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sds::gui {

EditCardDialog::EditCardDialog(const QString &front, const QString &back, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("editCardDialog"));
    setWindowTitle(tr("Edit Card"));
    auto *layout = new QVBoxLayout(this);
    m_front = new QPlainTextEdit(front, this);
    m_front->setObjectName(QStringLiteral("editFront"));
    m_back = new QPlainTextEdit(back, this);
    m_back->setObjectName(QStringLiteral("editBack"));
    layout->addWidget(new QLabel(tr("Front"), this));
    layout->addWidget(m_front);
    layout->addWidget(new QLabel(tr("Back"), this));
    layout->addWidget(m_back);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    // A card needs both sides: Save waits until each has some text.
    QPushButton *save = buttons->button(QDialogButtonBox::Save);
    const auto check = [this, save] {
        save->setEnabled(!m_front->toPlainText().trimmed().isEmpty() &&
                         !m_back->toPlainText().trimmed().isEmpty());
    };
    connect(m_front, &QPlainTextEdit::textChanged, this, check);
    connect(m_back, &QPlainTextEdit::textChanged, this, check);
    check();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 420);
}

QString EditCardDialog::front() const
{
    return m_front->toPlainText();
}

QString EditCardDialog::back() const
{
    return m_back->toPlainText();
}

} // namespace sds::gui
