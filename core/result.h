#pragma once

#include <QString>

#include <optional>
#include <type_traits>
#include <utility>

/**
 * The outcome of a fallible call: a value, or a message saying why there is
 * none, in the shape of C++23's std::expected<T, QString> (which C++20 lacks).
 * Test it with ok() or in a condition, read it with value(), * or ->, and the
 * message with error(); Result<void> carries only success or a message.
 * Return a value as it is, or sds::fail(message) (or Result<T>::failure) for
 * a failure: fail() converts to a Result of any type, so a function passes
 * on another's failure with `return sds::fail(r.error());`. Reading the
 * value of a failure is a programming error (asserted). Result structs with
 * warning lists stay where warnings travel with success.
 */
namespace sds {

/** A failure on its way to a Result<T> of any T; made by fail(). */
struct Failure {
    QString message;
};

[[nodiscard]] inline Failure fail(QString message)
{
    return Failure{std::move(message)};
}

template <typename T> class [[nodiscard]] Result
{
    static_assert(!std::is_reference_v<T>, "a Result holds a value, not a reference");
    static_assert(!std::is_same_v<std::remove_cv_t<T>, Failure>);

public:
    using value_type = T;

    Result(const T &value)
        : m_value(value)
    {}
    Result(T &&value)
        : m_value(std::move(value))
    {}
    Result(Failure failure)
        : m_error(std::move(failure.message))
    {}
    static Result failure(QString message) { return Result(Failure{std::move(message)}); }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    T &value() &
    {
        Q_ASSERT(ok());
        return *m_value;
    }
    const T &value() const &
    {
        Q_ASSERT(ok());
        return *m_value;
    }
    T &&value() &&
    {
        Q_ASSERT(ok());
        return std::move(*m_value);
    }
    template <typename U> T valueOr(U &&fallback) const &
    {
        return m_value.value_or(std::forward<U>(fallback));
    }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T &&operator*() && { return std::move(*this).value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    /** Empty on success. */
    const QString &error() const { return m_error; }

private:
    std::optional<T> m_value;
    QString m_error;
};

template <> class [[nodiscard]] Result<void>
{
public:
    using value_type = void;

    Result() = default;
    Result(Failure failure)
        : m_error(std::move(failure.message))
        , m_ok(false)
    {}
    static Result success() { return {}; }
    static Result failure(QString message) { return Result(Failure{std::move(message)}); }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    /** Empty on success. */
    const QString &error() const { return m_error; }

private:
    QString m_error;
    bool m_ok = true;
};

} // namespace sds
