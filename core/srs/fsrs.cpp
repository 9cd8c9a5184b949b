#include "core/srs/fsrs.h"

#include "core/srs/fsrsformulas.h"
#include "core/srs/fuzz.h"
#include "core/srs/rounding.h"

#include <algorithm>
#include <cmath>

namespace sds::srs {

namespace {

using detail::roundHalfUp;
// The formulas with the reference's rounding, so that every value matches ts-fsrs.
using Formulas = detail::Fsrs6<double, detail::Round8>;

constexpr int kMinutesPerDay = 1440;
constexpr qint64 kMsPerMinute = 60 * 1000;
constexpr qint64 kMsPerDay = kMinutesPerDay * kMsPerMinute;

// The settings turned into what the formulas use; made once per call.
struct Model {
    const SchedulerParams &params;
    Formulas formulas;
    double intervalModifier = 0; // stability times this: the days that reach the retention
    double fuzz = 0;

    Model(const SchedulerParams &p, quint64 fuzzSeed)
        : params(p)
        , formulas(effectiveWeights(p), p.enableShortTerm)
    {
        intervalModifier = formulas.intervalModifier(p.requestRetention);
        fuzz = p.enableFuzz ? fuzzFactor(fuzzSeed) : 0.0;
    }

    double retrievability(int days, double stability) const
    {
        return formulas.retrievability(days, stability);
    }

    struct Memory {
        double difficulty, stability;
    };

    // r is passed when the caller already computed it for the day; when not,
    // it is computed from the days waited.
    Memory next(double d, double s, int days, int g, std::optional<double> r = {}) const
    {
        if (d == 0 && s == 0)
            return {formulas.initDifficulty(g), formulas.initStability(g)};
        const double recall = r ? *r : retrievability(days, s);
        return {formulas.nextDifficulty(d, g), formulas.nextStability(d, s, days, g, recall)};
    }

    // Days until the next review for stability s: rounded, at least one,
    // at most the maximum, then fuzzed if asked.
    int interval(double s, int elapsedDays) const
    {
        const double days = std::min(std::max(1.0, roundHalfUp(s * intervalModifier)),
                                     double(params.maximumInterval));
        const int whole = int(days);
        return params.enableFuzz ? fuzzedInterval(whole, elapsedDays, params.maximumInterval, fuzz)
                                 : whole;
    }
};

// Where a (re)learning step sends a card; 0 minutes means "no step applies,
// let FSRS schedule it in days".
struct Step {
    int minutes = 0;
    int next = 0;
};

Step stepFor(const SchedulerParams &p, State state, int current, int g)
{
    const bool relearning = state == State::Relearning || state == State::Review;
    const QList<int> &steps = relearning ? p.relearningSteps : p.learningSteps;
    const int n = int(steps.size());
    if (n == 0 || current >= n)
        return {};
    const int at = std::max(0, current);
    if (state == State::Review) {
        // A lapse waits the relearning step at the card's step index: the
        // first, unless a learning step of a day or more put the card in
        // Review part-way through; that index then counts learning steps,
        // and the reference uses it as it stands, so we do too.
        return g == 1 ? Step{steps[at], 0} : Step{};
    }
    switch (g) {
    case 1:
        return {steps[0], 0};
    case 2: {
        // Hard repeats the step, waiting between the first step and the
        // second (or half as long again as the only one).
        const double minutes =
            n == 1 ? steps[0] * 1.5 : (double(steps[0]) + double(steps[1])) / 2.0;
        return {int(roundHalfUp(minutes)), std::max(0, current)};
    }
    case 3:
        if (current + 1 >= 0 && current + 1 < n && steps[current + 1] != 0)
            return {steps[current + 1], current + 1};
        return {};
    default:
        return {}; // Easy graduates at once
    }
}

class Scheduling
{
public:
    Scheduling(const CardState &card, const QDateTime &now, const SchedulerParams &params,
               quint64 seed)
        : m_model(params, seed)
        , m_last(card)
        , m_now(now.toUTC())
    {
        if (card.state != State::New && card.lastReview.isValid())
            m_elapsed = std::max(0, calendarDaysBetween(card.lastReview, m_now));
        m_current = card;
        m_current.lastReview = m_now;
        m_current.elapsedDays = m_elapsed;
        m_current.reps += 1;
    }

    std::array<CardState, 4> outcomes() const
    {
        if (m_model.params.enableShortTerm) {
            if (m_last.state == State::Review)
                return reviewWithSteps();
            const State to = m_last.state == State::New ? State::Learning : m_last.state;
            std::array<CardState, 4> out;
            for (int g = 1; g <= 4; ++g) {
                out[std::size_t(g - 1)] = withMemory(g, m_elapsed);
                applySteps(out[std::size_t(g - 1)], g, to);
            }
            return out;
        }
        return inDaysOnly();
    }

private:
    CardState withMemory(int g, int days, std::optional<double> r = {}) const
    {
        const Model::Memory mem =
            m_model.next(m_current.difficulty, m_current.stability, days, g, r);
        CardState c = m_current;
        c.difficulty = mem.difficulty;
        c.stability = mem.stability;
        return c;
    }

    void scheduleInDays(CardState &c, int days) const
    {
        c.scheduledDays = days;
        c.due = m_now.addMSecs(qint64(days) * kMsPerDay);
    }

    void applySteps(CardState &c, int g, State to) const
    {
        const Step step = stepFor(m_model.params, m_current.state, m_current.learningSteps, g);
        if (step.minutes > 0 && step.minutes < kMinutesPerDay) {
            c.state = to;
            c.learningSteps = step.next;
            c.scheduledDays = 0;
            c.due = m_now.addMSecs(qint64(step.minutes) * kMsPerMinute);
            return;
        }
        // A step of a day or more still counts as a step, but the card is in
        // Review while it waits; with no step at all FSRS picks the days.
        c.state = State::Review;
        if (step.minutes >= kMinutesPerDay) {
            c.learningSteps = step.next;
            c.scheduledDays = step.minutes / kMinutesPerDay;
            c.due = m_now.addMSecs(qint64(step.minutes) * kMsPerMinute);
        } else {
            c.learningSteps = 0;
            scheduleInDays(c, m_model.interval(c.stability, m_elapsed));
        }
    }

    std::array<CardState, 4> reviewWithSteps() const
    {
        const double r = m_model.retrievability(m_elapsed, m_current.stability);
        std::array<CardState, 4> out;
        for (int g = 1; g <= 4; ++g)
            out[std::size_t(g - 1)] = withMemory(g, m_elapsed, r);
        CardState &again = out[0], &hard = out[1], &good = out[2], &easy = out[3];
        // Hard, Good and Easy must come out in that order, a day apart at least.
        int hardDays = m_model.interval(hard.stability, m_elapsed);
        int goodDays = m_model.interval(good.stability, m_elapsed);
        hardDays = std::min(hardDays, goodDays);
        goodDays = std::max(goodDays, hardDays + 1);
        const int easyDays = std::max(m_model.interval(easy.stability, m_elapsed), goodDays + 1);
        scheduleInDays(hard, hardDays);
        scheduleInDays(good, goodDays);
        scheduleInDays(easy, easyDays);
        for (CardState *c : {&hard, &good, &easy}) {
            c->state = State::Review;
            c->learningSteps = 0;
        }
        applySteps(again, 1, State::Relearning);
        again.lapses += 1;
        return out;
    }

    // Without short-term scheduling every answer is scheduled in whole days,
    // new cards included, in the order Again < Hard < Good < Easy.
    std::array<CardState, 4> inDaysOnly() const
    {
        const bool fresh = m_last.state == State::New;
        const int days = fresh ? 0 : m_elapsed;
        std::optional<double> r;
        if (!fresh)
            r = m_model.retrievability(days, m_current.stability);
        std::array<CardState, 4> out;
        std::array<int, 4> ivl{};
        for (int g = 1; g <= 4; ++g) {
            CardState &c = out[std::size_t(g - 1)];
            c = withMemory(g, days, r);
            ivl[std::size_t(g - 1)] = m_model.interval(c.stability, days);
        }
        ivl[0] = std::min(ivl[0], ivl[1]);
        for (std::size_t i = 1; i < ivl.size(); ++i)
            ivl[i] = std::max(ivl[i], ivl[i - 1] + 1);
        for (std::size_t i = 0; i < out.size(); ++i) {
            scheduleInDays(out[i], ivl[i]);
            out[i].state = State::Review;
            out[i].learningSteps = 0;
        }
        if (!fresh)
            out[0].lapses += 1;
        return out;
    }

    Model m_model;
    CardState m_last;
    CardState m_current;
    QDateTime m_now;
    int m_elapsed = 0;
};

} // namespace

QString stateName(State state)
{
    switch (state) {
    case State::New:
        return QStringLiteral("New");
    case State::Learning:
        return QStringLiteral("Learning");
    case State::Review:
        return QStringLiteral("Review");
    case State::Relearning:
        return QStringLiteral("Relearning");
    }
    return {};
}

std::optional<State> stateFromName(QStringView name)
{
    for (State s : {State::New, State::Learning, State::Review, State::Relearning}) {
        if (name == stateName(s))
            return s;
    }
    return std::nullopt;
}

CardState newCard(const QDateTime &created)
{
    CardState c;
    c.due = created.toUTC();
    return c;
}

std::array<CardState, 4> preview(const CardState &card, const QDateTime &now,
                                 const SchedulerParams &params, quint64 fuzzSeed)
{
    return Scheduling(card, now, params, fuzzSeed).outcomes();
}

CardState review(const CardState &card, Rating rating, const QDateTime &now,
                 const SchedulerParams &params, quint64 fuzzSeed)
{
    const int g = std::clamp(int(rating), 1, 4);
    return preview(card, now, params, fuzzSeed)[std::size_t(g - 1)];
}

double retrievability(const CardState &card, const QDateTime &now, const SchedulerParams &params)
{
    if (card.state == State::New)
        return 0.0;
    double days = 0;
    if (card.lastReview.isValid())
        days = std::max(std::floor(double(card.lastReview.msecsTo(now)) / double(kMsPerDay)), 0.0);
    const double negDecay = -effectiveWeights(params)[20];
    return Formulas::curve(negDecay, Formulas::curveFactor(negDecay), days,
                           detail::round8(card.stability));
}

double forgettingCurve(double decay, double days, double stability)
{
    return Formulas::curve(-decay, Formulas::curveFactor(-decay), days, stability);
}

int calendarDaysBetween(const QDateTime &from, const QDateTime &to)
{
    return int(from.toUTC().date().daysTo(to.toUTC().date()));
}

} // namespace sds::srs
