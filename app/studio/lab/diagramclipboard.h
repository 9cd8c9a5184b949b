#pragma once

#include "core/diagram/diagramdata.h"

#include <optional>

namespace sds::gui {

// The lab's clipboard holds diagram JSON under its own MIME type and as
// text, so a paste works between windows and a text editor shows something
// readable.
void copyDiagram(const diagram::DiagramData &part);
// The diagram on the clipboard, or nothing when it holds none with nodes.
std::optional<diagram::DiagramData> pastedDiagram();

} // namespace sds::gui
