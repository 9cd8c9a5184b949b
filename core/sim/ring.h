#pragma once

#include <cstdint>
#include <vector>

/**
 * A FIFO of 32-bit values (the engine queues request indices in it) on a
 * power-of-two circular buffer. It grows to the longest queue seen and then
 * stays, so pushing and popping allocate nothing in a steady run.
 */
namespace sds::sim {

class Ring
{
public:
    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    void push(std::uint32_t v)
    {
        if (m_count == m_buf.size())
            grow();
        m_buf[(m_head + m_count) & (m_buf.size() - 1)] = v;
        ++m_count;
    }
    /** The oldest value, removed; the ring must not be empty. */
    std::uint32_t pop()
    {
        const std::uint32_t v = m_buf[m_head];
        m_head = (m_head + 1) & (m_buf.size() - 1);
        --m_count;
        return v;
    }
    /** The value @p i places from the front, 0 = next to pop. */
    std::uint32_t at(std::size_t i) const { return m_buf[(m_head + i) & (m_buf.size() - 1)]; }
    void clear()
    {
        m_head = 0;
        m_count = 0;
    }

private:
    void grow()
    {
        std::vector<std::uint32_t> bigger(m_buf.empty() ? 16 : m_buf.size() * 2);
        for (std::size_t i = 0; i < m_count; ++i)
            bigger[i] = at(i);
        m_buf.swap(bigger);
        m_head = 0;
    }
    std::vector<std::uint32_t> m_buf;
    std::size_t m_head = 0;
    std::size_t m_count = 0;
};

} // namespace sds::sim
