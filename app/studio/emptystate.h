#pragma once

#include <QWidget>

class QLabel;

namespace sds::gui {

// A page's honest "nothing here yet" view: an icon, a title and a sentence
// saying what will appear and what to do next.
class EmptyState final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyState)

public:
    EmptyState(const QString &iconName, const QString &title, const QString &text,
               QWidget *parent = nullptr);

    QString title() const;
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void fitText();
    void updateColors();

    QString m_iconName;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
};

} // namespace sds::gui
