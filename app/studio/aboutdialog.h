#pragma once

#include <QDialog>

class QLabel;

namespace sds::gui {

// Help > About: the application's name, version and purpose, and the credit
// to The System Design Primer (CC BY 4.0) that the licence requires.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The rich text of the body, as shown (tests read it).
    QString bodyHtml() const;

private:
    QLabel *m_body;
};

} // namespace sds::gui
