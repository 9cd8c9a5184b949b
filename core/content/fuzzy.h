#pragma once

#include <QString>

/**
 * Fuzzy matching for quick-open: the letters of what was typed must appear
 * in the candidate in order, case-insensitively ("cap th" finds "CAP
 * theorem", "wb" finds "Write-behind"). Matches at word starts and in
 * unbroken runs score higher, and so do shorter candidates, so the title a
 * person means comes first.
 */
namespace sds::content {

/** A score (higher is better), or -1 when @p pattern does not match @p candidate. */
int fuzzyScore(const QString &pattern, const QString &candidate);

} // namespace sds::content
