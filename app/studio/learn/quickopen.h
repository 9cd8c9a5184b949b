#pragma once

#include <QDialog>
#include <QList>

class QLineEdit;
class QListWidget;

namespace sds::gui {

// Ctrl+K: type a few letters of a topic, lab template or challenge and press Enter.
// Matching is fuzzy (core/content/fuzzy); topics come before templates when
// they score the same.
class QuickOpen final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickOpen)

public:
    struct Entry {
        enum class Kind { Topic, Scenario, Challenge };
        Kind kind;
        QString id;
        QString title;
        QString detail; ///< section, "Lab template" or "Challenge, level N"
    };

    QuickOpen(QList<Entry> entries, QWidget *parent = nullptr);

    QLineEdit *field() const { return m_field; }
    QListWidget *list() const { return m_list; }
    /** What was chosen, valid after accept(). */
    const Entry *chosen() const { return m_chosen; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refilter(const QString &text);
    void choose();

    QList<Entry> m_entries;
    QLineEdit *m_field;
    QListWidget *m_list;
    const Entry *m_chosen = nullptr;
};

} // namespace sds::gui
