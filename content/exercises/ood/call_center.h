// The call center of the "Design a call center" exercise. Calls go to the
// least senior free employee who may take them: operators first, then
// supervisors, then directors. An employee who cannot resolve a call
// escalates it one rank up; when nobody suitable is free, the call waits in a
// first-come, first-served queue until someone finishes.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sds::ood::callcenter {

// Ordered by seniority, so "may take" is a plain comparison.
enum class Rank { Operator, Supervisor, Director };
enum class CallState { Waiting, InProgress, Complete };

using CallId = int;
using EmployeeId = int;

struct Call {
    CallId id = 0;
    Rank minimumRank = Rank::Operator; // raised by each escalation
    CallState state = CallState::Waiting;
    std::optional<EmployeeId> handler;
};

struct Employee {
    EmployeeId id = 0;
    std::string name;
    Rank rank = Rank::Operator;
    std::optional<CallId> current; // one call at a time
};

class CallCenter
{
public:
    EmployeeId hire(std::string name, Rank rank)
    {
        const EmployeeId id = EmployeeId(m_staff.size());
        m_staff.push_back(Employee{id, std::move(name), rank, std::nullopt});
        // A new hire is free at once and may clear part of the backlog.
        serveQueue(m_staff.back());
        return id;
    }

    // Every new call starts at the bottom of the ladder.
    CallId receive()
    {
        const CallId id = m_nextCall++;
        m_calls.emplace(id, Call{id, Rank::Operator, CallState::Waiting, std::nullopt});
        dispatch(m_calls.at(id), /*front=*/false);
        return id;
    }

    // The call moves above whoever holds it now: a supervisor who took an
    // operator-level call because the operators were busy sends it to a director.
    void escalate(CallId id)
    {
        Call &call = active(id);
        Employee &from = m_staff.at(std::size_t(*call.handler));
        if (from.rank == Rank::Director)
            throw std::logic_error("a director's call cannot be escalated further");
        call.minimumRank = Rank(int(from.rank) + 1);
        release(call, from);
        // The caller has already waited once, so an escalated call that
        // finds nobody free goes to the head of the queue.
        dispatch(call, /*front=*/true);
        serveQueue(from);
    }

    void complete(CallId id)
    {
        Call &call = active(id);
        Employee &from = m_staff.at(std::size_t(*call.handler));
        release(call, from);
        call.state = CallState::Complete;
        serveQueue(from);
    }

    const Call &call(CallId id) const { return m_calls.at(id); }
    const Employee &employee(EmployeeId id) const { return m_staff.at(std::size_t(id)); }
    std::size_t waiting() const { return m_queue.size(); }

private:
    Call &active(CallId id)
    {
        const auto it = m_calls.find(id);
        if (it == m_calls.end() || it->second.state != CallState::InProgress)
            throw std::invalid_argument("call " + std::to_string(id) + " is not in progress");
        return it->second;
    }

    static void assign(Call &call, Employee &employee)
    {
        call.state = CallState::InProgress;
        call.handler = employee.id;
        employee.current = call.id;
    }

    static void release(Call &call, Employee &employee)
    {
        call.state = CallState::Waiting;
        call.handler.reset();
        employee.current.reset();
    }

    // Least senior first keeps directors free for the calls only they can take.
    void dispatch(Call &call, bool front)
    {
        for (Rank rank : {Rank::Operator, Rank::Supervisor, Rank::Director}) {
            if (rank < call.minimumRank)
                continue;
            for (Employee &e : m_staff) {
                if (e.rank == rank && !e.current) {
                    assign(call, e);
                    return;
                }
            }
        }
        if (front)
            m_queue.push_front(call.id);
        else
            m_queue.push_back(call.id);
    }

    // The oldest waiting call this employee is senior enough for.
    void serveQueue(Employee &employee)
    {
        for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
            Call &waiting = m_calls.at(*it);
            if (waiting.minimumRank <= employee.rank) {
                m_queue.erase(it);
                assign(waiting, employee);
                return;
            }
        }
    }

    std::vector<Employee> m_staff;
    std::map<CallId, Call> m_calls;
    std::deque<CallId> m_queue;
    CallId m_nextCall = 1;
};

} // namespace sds::ood::callcenter
