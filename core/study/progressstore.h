#pragma once

#include <QSet>
#include <QString>

/**
 * What the learner has done, kept in SQLite (progress.sqlite in the data
 * folder): topic pages marked done, lab templates tried, and small reader
 * state such as the last page and the chosen study timeline. WAL journal,
 * one transaction per change, schema versioned with PRAGMA user_version. A
 * file that is not a progress database, or one from a newer version, is
 * refused with a message and left untouched.
 */
namespace sds::study {

class ProgressStore
{
public:
    ProgressStore();
    ~ProgressStore();
    ProgressStore(const ProgressStore &) = delete;
    ProgressStore &operator=(const ProgressStore &) = delete;

    /** Opens or creates the file; false with error() set when it cannot be used. */
    bool open(const QString &path);
    bool isOpen() const { return m_open; }
    QString error() const { return m_error; }
    QString path() const { return m_path; }

    bool isTopicDone(const QString &id) const;
    QSet<QString> doneTopics() const;
    bool setTopicDone(const QString &id, bool done);

    QSet<QString> triedScenarios() const;
    bool markScenarioTried(const QString &id);

    QString value(const QString &key, const QString &fallback = {}) const;
    bool setValue(const QString &key, const QString &value);

    static constexpr int kSchemaVersion = 1;

private:
    bool exec(const QString &sql, const QVariantList &binds = {});

    QString m_connection;
    QString m_path;
    QString m_error;
    bool m_open = false;
};

} // namespace sds::study
