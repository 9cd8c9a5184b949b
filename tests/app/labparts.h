#pragma once

// The lab page's parts, found by object name the way the page names them,
// so tests need no getters on the page.

#include "app/studio/lab/chartspanel.h"
#include "app/studio/lab/diagramscene.h"
#include "app/studio/lab/diagramview.h"
#include "app/studio/lab/faulttimeline.h"
#include "app/studio/lab/labpage.h"
#include "app/studio/lab/palettewidget.h"
#include "app/studio/lab/propertiespanel.h"
#include "app/studio/lab/reportpanel.h"
#include "app/studio/lab/runcontroller.h"
#include "app/studio/lab/twinpanel.h"
#include "findchild.h"

#include <QListWidget>

namespace sds::gui::test {

template <class T> T *part(QObject &page, const char *name)
{
    T *found = page.findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("the lab has no %s", name);
    return found;
}

inline DiagramScene *sceneOf(LabPage &lab)
{
    return child<DiagramScene>(lab, "diagramScene");
}
inline DiagramView *viewOf(LabPage &lab)
{
    return child<DiagramView>(lab, "diagramView");
}
inline ChartsPanel *chartsOf(LabPage &lab)
{
    return child<ChartsPanel>(lab, "charts");
}
inline TwinPanel *twinOf(LabPage &lab)
{
    return child<TwinPanel>(lab, "twin");
}
inline ReportPanel *reportOf(LabPage &lab)
{
    return child<ReportPanel>(lab, "report");
}
inline PropertiesPanel *propertiesOf(LabPage &lab)
{
    return child<PropertiesPanel>(lab, "properties");
}
inline PaletteWidget *paletteOf(LabPage &lab)
{
    return child<PaletteWidget>(lab, "palette");
}
inline FaultTimeline *timelineOf(LabPage &lab)
{
    return child<FaultTimeline>(lab, "faultTimeline");
}
inline QListWidget *problemsOf(LabPage &lab)
{
    return child<QListWidget>(lab, "problems");
}
inline RunController *runOf(LabPage &lab)
{
    return child<RunController>(lab, "runController");
}
inline SimRunner *runnerOf(LabPage &lab)
{
    return child<SimRunner>(lab, "liveRunner");
}

} // namespace sds::gui::test
