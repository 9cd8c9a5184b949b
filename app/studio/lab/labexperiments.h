#pragma once

#include "core/diagram/diagramdata.h"

#include <QObject>

namespace sds::gui {

class ComparePanel;
class LabDocument;
class RunController;
class SweepPanel;

// The lab's experiments: the Sweep and Compare tabs, kept in step with the
// document and the load slider, and the design that was pinned (A of a
// comparison), so the page only places the two panels and forwards pins.
class LabExperiments final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabExperiments)

public:
    LabExperiments(LabDocument &document, RunController &run, QObject *parent = nullptr);
    ~LabExperiments() override;

    SweepPanel *sweepPanel() const { return m_sweep; }
    ComparePanel *comparePanel() const { return m_compare; }

    // The run pinned in the charts was of @p design at @p loadFactor.
    void pin(const diagram::DiagramData &design, double loadFactor);
    // The design on the canvas now, at the slider's load.
    void pinCurrent();
    void clearPin();
    void compare();

private:
    void follow();

    LabDocument &m_document;
    RunController &m_run;
    SweepPanel *m_sweep;
    ComparePanel *m_compare;
};

} // namespace sds::gui
