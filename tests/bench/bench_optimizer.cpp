// FSRS optimiser benchmark: fits the weights to simulated review logs of
// about 10,000 and 100,000 answers (tests/core/reviewsim.h: a learner whose
// memory follows known weights, scheduled by the defaults) and prints the
// time each fit takes, with the held-out log loss and RMSE (bins) before
// and after, next to those of the weights the log was drawn from. The 100k fit should take a few
// seconds in a Release build. Optional arguments: the card counts to simulate instead.
#include "../core/reviewsim.h"
#include "core/srs/optimizer.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <cstdlib>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QList<int> cardCounts{1000, 10000};
    if (argc > 1) {
        cardCounts.clear();
        for (int i = 1; i < argc; ++i)
            cardCounts.append(std::max(1, atoi(argv[i])));
    }
    for (const int cards : cardCounts) {
        QElapsedTimer timer;
        timer.start();
        const QList<sds::srs::ReviewHistory> log = reviewsim::simulate(cards, 365);
        const qint64 simulateMs = timer.elapsed();
        qint64 answers = 0;
        for (const auto &h : log)
            answers += h.reviews.size();
        timer.restart();
        const sds::srs::OptimizerResult r = sds::srs::optimizeWeights(log, {});
        const qint64 fitMs = timer.elapsed();
        std::printf("%6d cards, %7lld answers (%d predicted: %d fitted, %d held out)\n", cards,
                    static_cast<long long>(answers), r.trainingReviews + r.heldOutReviews,
                    r.trainingReviews, r.heldOutReviews);
        std::printf("  simulated in %lld ms, fitted in %lld ms\n",
                    static_cast<long long>(simulateMs), static_cast<long long>(fitMs));
        std::printf("  held-out log loss %.4f -> %.4f, RMSE (bins) %.4f -> %.4f\n",
                    r.before.logLoss, r.after.logLoss, r.before.rmseBins, r.after.rmseBins);
        const sds::srs::FitMetrics truth =
            sds::srs::evaluateWeights(sds::srs::heldOutHistories(log), reviewsim::kTrueWeights, {});
        std::printf("  the simulated learner's own weights: log loss %.4f, RMSE (bins) %.4f\n",
                    truth.logLoss, truth.rmseBins);
        std::printf("  fitted weights:");
        for (const double w : r.weights)
            std::printf(" %.3f", w);
        std::printf("\n");
    }
    return 0;
}
