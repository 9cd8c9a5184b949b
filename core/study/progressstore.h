#pragma once

#include "core/storage/sqlitefile.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

/**
 * What the learner has done, kept in SQLite (progress.sqlite in the data
 * folder): topic pages marked done, lab templates tried, the steps of
 * exercises tried and their solutions revealed, the lab challenges solved
 * (with the time of the first solve), and small reader state such
 * as the last page and the chosen study timeline. WAL journal,
 * one transaction per change, schema versioned with PRAGMA user_version and
 * marked with PRAGMA application_id "SDSP" (files from before the id get it
 * when opened). A file that is not a progress database, or one from a newer
 * version, is refused with a message and left untouched.
 */
namespace sds::study {

/** One step of an exercise as the learner left it. */
struct StepState {
    bool attempted = false; ///< the learner said they worked on it
    bool revealed = false;  ///< its solution was shown at least once
    bool open = false;      ///< its solution is shown now (the reader's state)
    /** A step counts as worked once it was tried or its solution seen. */
    bool worked() const { return attempted || revealed; }
};

class ProgressStore
{
public:
    ProgressStore();
    ~ProgressStore();
    ProgressStore(const ProgressStore &) = delete;
    ProgressStore &operator=(const ProgressStore &) = delete;

    /** Opens or creates the file; false with error() set when it cannot be used. */
    bool open(const QString &path);
    bool isOpen() const { return m_file.isOpen(); }
    QString error() const { return m_error; }
    QString path() const { return m_path; }

    bool isTopicDone(const QString &id) const;
    QSet<QString> doneTopics() const;
    bool setTopicDone(const QString &id, bool done);

    QSet<QString> triedScenarios() const;
    bool markScenarioTried(const QString &id);

    /** The steps of @p exerciseId with any state, by step number (1-based). */
    QMap<int, StepState> exerciseSteps(const QString &exerciseId) const;
    bool setStepAttempted(const QString &exerciseId, int step, bool attempted);
    /** Shows or hides solutions; showing also records them as revealed. One transaction. */
    bool setSolutionsOpen(const QString &exerciseId, const QList<int> &steps, bool open);

    /** Whether a graded design has met every goal of challenge @p id. */
    bool isChallengeSolved(const QString &id) const;
    QSet<QString> solvedChallenges() const;
    /** Marks or clears a solve; marking again keeps the time of the first. */
    bool setChallengeSolved(const QString &id, bool solved);

    QString value(const QString &key, const QString &fallback = {}) const;
    bool setValue(const QString &key, const QString &value);

    static constexpr int kSchemaVersion = 3;

private:
    bool exec(const QString &sql, const QVariantList &binds = {});
    bool reported(const Result<void> &result);

    storage::SqliteFile m_file{QStringLiteral("the progress file")};
    QString m_path;
    QString m_error;
};

} // namespace sds::study
