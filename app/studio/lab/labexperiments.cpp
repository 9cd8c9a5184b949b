#include "app/studio/lab/labexperiments.h"

#include "app/studio/lab/comparepanel.h"
#include "app/studio/lab/labdocument.h"
#include "app/studio/lab/runcontroller.h"
#include "app/studio/lab/sweeppanel.h"

namespace sds::gui {

LabExperiments::LabExperiments(LabDocument &document, RunController &run, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_run(run)
    , m_sweep(new SweepPanel)
    , m_compare(new ComparePanel)
{
    connect(&document.diagram(), &diagram::Diagram::changed, this, &LabExperiments::follow);
    connect(&document, &LabDocument::replaced, this, &LabExperiments::follow);
    connect(&run, &RunController::loadFactorChanged, this, &LabExperiments::follow);
    follow();
}

// The panels are parented by the docks that show them.
LabExperiments::~LabExperiments() = default;

void LabExperiments::follow()
{
    m_sweep->setDesign(m_document.data(), m_run.loadFactor());
    m_compare->setCurrent(m_document.data(), m_run.loadFactor());
}

void LabExperiments::pin(const diagram::DiagramData &design, double loadFactor)
{
    m_compare->setPinned(design, loadFactor);
}

void LabExperiments::pinCurrent()
{
    pin(m_document.data(), m_run.loadFactor());
}

void LabExperiments::clearPin()
{
    m_compare->setPinned(std::nullopt, 1);
}

void LabExperiments::compare()
{
    follow();
    m_compare->start();
}

} // namespace sds::gui
