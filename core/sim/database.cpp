#include "core/sim/database.h"

namespace sds::sim {

KeyClock::KeyClock(std::uint64_t keys)
{
    if (keys <= kDenseLimit)
        m_dense.assign(keys, -kInfinity);
}

void DatabaseState::init(int shards, std::uint64_t keys)
{
    primary.resize(std::size_t(shards));
    replicas.resize(std::size_t(shards));
    rr.assign(std::size_t(shards), 0);
    applied = std::make_unique<KeyClock>(keys);
}

} // namespace sds::sim
