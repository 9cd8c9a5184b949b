// libFuzzer target for a topic page: the front matter parser, then the
// Markdown to HTML rendering (md4c, our code blocks, call-outs), and the
// same body read as an exercise with some solutions open. Any crash, hang or sanitizer report is a
// finding; so is a parse that succeeds without the required keys.
//
// Build with the fuzz preset, then e.g.:
//   build/fuzz/bin/fuzz_topic -max_total_time=1800 build/fuzz/corpus-topic content/topics
#include "core/content/exercise.h"
#include "core/content/exerciserender.h"
#include "core/content/pagerender.h"
#include "core/content/topic.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace sds::content;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const TopicParse parsed = parseTopic(text, QStringLiteral("fuzz.md"));
    if (!parsed.ok())
        return 0;
    const Topic &t = parsed.topic;
    if (t.id.isEmpty() || t.title.isEmpty() || t.section.isEmpty() || t.kind.isEmpty())
        std::abort();
    const PageStyle style;
    (void)renderPage(t, style);
    (void)outline(t);
    // Any page may be read as an exercise; its solutions shown and hidden.
    const Exercise exercise = parseExercise(t.body);
    QList<StepView> steps;
    for (int i = 0; i < 8; ++i)
        steps.append(StepView{i % 2 == 0, i % 3 == 0, i % 2 == 0});
    (void)renderExercisePage(t, exercise, steps, style);
    (void)exerciseOutline(t, exercise);
    return 0;
}
