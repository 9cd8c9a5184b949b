// Reader search benchmark: PRODUCT.md asks for results within 20 ms of a
// keystroke. Loads the built-in pages, builds the FTS5 index (both timed),
// then runs 1,000 queries the way typing produces them (growing prefixes of
// real titles and terms, multi-word phrases, misses) and prints p50, p99 and
// the worst single query.
#include "core/content/library.h"
#include "core/content/searchindex.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, atoi(argv[1])) : 1000;

    QElapsedTimer t;
    t.start();
    const auto lib = sds::content::TopicLibrary::loadContent(QStringLiteral(":/content"));
    const double loadMs = t.nsecsElapsed() / 1e6;
    t.restart();
    sds::content::SearchIndex index;
    if (!index.build(lib)) {
        std::fprintf(stderr, "index: %s\n", qPrintable(index.error()));
        return 1;
    }
    const double buildMs = t.nsecsElapsed() / 1e6;

    // What a person types: each title and term letter by letter, plus phrases.
    QStringList typed;
    QStringList words;
    for (const auto &topic : lib.topics())
        words << topic.title;
    words << QStringLiteral("write-behind") << QStringLiteral("consistent hashing")
          << QStringLiteral("99.99") << QStringLiteral("HATEOAS") << QStringLiteral("zzz no match")
          << QStringLiteral("cache invalidation stampede") << QStringLiteral("tcp vs udp");
    for (const QString &w : words) {
        for (qsizetype n = 2; n <= w.size(); ++n)
            typed << w.left(n);
    }
    std::vector<double> ms;
    ms.reserve(count);
    qsizetype hits = 0;
    for (int i = 0; i < count; ++i) {
        const QString &q = typed.at(i % typed.size());
        t.restart();
        hits += index.search(q, 30).size();
        ms.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double p) {
        return ms[std::min(ms.size() - 1, size_t(p * ms.size()))];
    };
    std::printf("content: %lld pages loaded in %.1f ms, FTS5 index built in %.1f ms\n",
                static_cast<long long>(lib.topics().size()), loadMs, buildMs);
    std::printf("search (%d typed queries, %.1f hits each): p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                "goal < 20 ms\n",
                count, double(hits) / count, at(0.50), at(0.99), ms.back());
    return 0;
}
