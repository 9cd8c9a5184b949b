#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace sds::gui {

// Rewords the card being studied: its front and back as plain text.
class EditCardDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditCardDialog)

public:
    explicit EditCardDialog(const QString &front, const QString &back, QWidget *parent = nullptr);

    QString front() const;
    QString back() const;

private:
    QPlainTextEdit *m_front = nullptr;
    QPlainTextEdit *m_back = nullptr;
};

} // namespace sds::gui
