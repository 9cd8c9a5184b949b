// libFuzzer target for the diagram loader and everything a loaded file
// reaches: parse, check, save again, compile, and a short bounded run of the
// engine. Any crash, sanitizer report or broken invariant is a finding.
//
// Build with the fuzz preset, then e.g.:
//   build/fuzz/bin/fuzz_diagram -max_total_time=600 build/fuzz/corpus tests/data/sim
#include "core/diagram/diagramformat.h"
#include "core/diagram/validation.h"
#include "core/sim/network.h"
#include "core/sim/simulation.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace sds;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const diagram::LoadResult loaded = diagram::parseDiagram(bytes);
    if (!loaded.ok()) {
        if (!loaded.diagram.nodes.isEmpty())
            std::abort(); // a refused file must not leave a half-read diagram
        return 0;
    }
    // What was read must survive a save and a second read unchanged.
    const QByteArray saved = diagram::serializeDiagram(loaded.diagram);
    const diagram::LoadResult again = diagram::parseDiagram(saved);
    if (!again.ok() || diagram::serializeDiagram(again.diagram) != saved)
        std::abort();

    diagram::DiagramData d = loaded.diagram;
    d.run.durationS = std::min(d.run.durationS, 5.0);
    d.run.warmupS = std::min(d.run.warmupS, 1.0);
    d.run.sampleIntervalS = std::max(d.run.sampleIntervalS, 0.5);
    sim::CompileResult compiled = sim::compileNetwork(d);
    if (!compiled.ok())
        return 0;
    sim::Simulation simulation(std::move(compiled.network));
    simulation.setMaxInFlight(20000);
    simulation.runEvents(50000);
    (void)simulation.metrics();
    (void)simulation.snapshot(100);
    return 0;
}
