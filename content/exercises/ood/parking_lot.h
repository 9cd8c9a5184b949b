// A multi-level parking lot for the "Design a parking lot" exercise.
// Motorcycles fit any spot, cars fit compact and large spots, and a bus needs
// five free large spots side by side in one row. Each vehicle takes the
// smallest kind of spot it fits, which keeps large spots free for buses.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sds::ood::parking {

// Ordered by size, so "fits" and "smallest first" are comparisons.
enum class SpotSize { Motorcycle, Compact, Large };
enum class VehicleKind { Motorcycle, Car, Bus };

struct Vehicle {
    std::string plate;
    VehicleKind kind = VehicleKind::Car;
};

// The smallest spot each kind fits, and how many such spots in a row it takes.
constexpr SpotSize smallestSpot(VehicleKind kind)
{
    switch (kind) {
    case VehicleKind::Motorcycle:
        return SpotSize::Motorcycle;
    case VehicleKind::Car:
        return SpotSize::Compact;
    case VehicleKind::Bus:
        return SpotSize::Large;
    }
    return SpotSize::Large;
}
constexpr int spotsNeeded(VehicleKind kind)
{
    return kind == VehicleKind::Bus ? 5 : 1;
}

// Where a vehicle stands: its level, row and the first of its spots.
struct Placement {
    std::size_t level = 0;
    std::size_t row = 0;
    std::size_t firstSpot = 0;
    int spots = 1;
    bool operator==(const Placement &) const = default;
};

class Level
{
public:
    // Rows of spots as laid out on the floor; only neighbours in one row
    // count as consecutive.
    explicit Level(std::vector<std::vector<SpotSize>> rows)
    {
        for (auto &row : rows) {
            const std::size_t n = row.size();
            m_rows.push_back(Row{std::move(row), std::vector<bool>(n, false)});
        }
    }

    // The first run of free spots of exactly this size, long enough for the vehicle.
    std::optional<std::pair<std::size_t, std::size_t>> findRun(SpotSize size, int length) const
    {
        for (std::size_t r = 0; r < m_rows.size(); ++r) {
            const Row &row = m_rows[r];
            int run = 0;
            for (std::size_t s = 0; s < row.sizes.size(); ++s) {
                run = (row.sizes[s] == size && !row.taken[s]) ? run + 1 : 0;
                if (run == length)
                    return std::pair{r, s + 1 - std::size_t(length)};
            }
        }
        return std::nullopt;
    }

    void mark(std::size_t row, std::size_t first, int length, bool taken)
    {
        for (int i = 0; i < length; ++i)
            m_rows[row].taken[first + std::size_t(i)] = taken;
    }

    std::size_t freeSpots() const
    {
        std::size_t n = 0;
        for (const Row &row : m_rows) {
            for (bool t : row.taken)
                n += t ? 0 : 1;
        }
        return n;
    }

private:
    struct Row {
        std::vector<SpotSize> sizes;
        std::vector<bool> taken;
    };
    std::vector<Row> m_rows;
};

class ParkingLot
{
public:
    explicit ParkingLot(std::vector<Level> levels)
        : m_levels(std::move(levels))
    {}

    // Nothing when there is no room for this vehicle; a plate that is
    // already parked is a mistake by the caller, so it throws.
    std::optional<Placement> park(const Vehicle &vehicle)
    {
        if (m_parked.contains(vehicle.plate))
            throw std::invalid_argument("vehicle " + vehicle.plate + " is already parked");
        const int length = spotsNeeded(vehicle.kind);
        // Smallest suitable size first across the whole lot, then larger ones.
        for (int size = int(smallestSpot(vehicle.kind)); size <= int(SpotSize::Large); ++size) {
            for (std::size_t l = 0; l < m_levels.size(); ++l) {
                if (const auto run = m_levels[l].findRun(SpotSize(size), length)) {
                    m_levels[l].mark(run->first, run->second, length, true);
                    const Placement p{l, run->first, run->second, length};
                    m_parked.emplace(vehicle.plate, p);
                    return p;
                }
            }
        }
        return std::nullopt;
    }

    // Returns false for a plate that is not in the lot.
    bool leave(const std::string &plate)
    {
        const auto it = m_parked.find(plate);
        if (it == m_parked.end())
            return false;
        const Placement &p = it->second;
        m_levels[p.level].mark(p.row, p.firstSpot, p.spots, false);
        m_parked.erase(it);
        return true;
    }

    std::optional<Placement> whereIs(const std::string &plate) const
    {
        const auto it = m_parked.find(plate);
        return it == m_parked.end() ? std::nullopt : std::optional{it->second};
    }

    std::size_t freeSpots() const
    {
        std::size_t n = 0;
        for (const Level &level : m_levels)
            n += level.freeSpots();
        return n;
    }
    bool isFull() const { return freeSpots() == 0; }
    std::size_t vehicles() const { return m_parked.size(); }

private:
    std::vector<Level> m_levels;
    std::map<std::string, Placement> m_parked; // plate -> where it stands
};

} // namespace sds::ood::parking
