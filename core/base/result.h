// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/error.h"

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

namespace citygrid {

/// Either a value or an Error; what every expected failure returns instead of throwing.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const &
    {
        assert(ok());
        return std::get<T>(m_data);
    }
    T &value() &
    {
        assert(ok());
        return std::get<T>(m_data);
    }
    T &&value() &&
    {
        assert(ok());
        return std::get<T>(std::move(m_data));
    }
    const Error &error() const
    {
        assert(!ok());
        return std::get<Error>(m_data);
    }

private:
    std::variant<T, Error> m_data;
};

/// Result of an operation that yields nothing but success.
template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const
    {
        assert(!ok());
        return *m_error;
    }

private:
    std::optional<Error> m_error;
};

} // namespace citygrid
