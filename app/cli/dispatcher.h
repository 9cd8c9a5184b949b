#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace sds::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1; // the work itself failed
inline constexpr int kExitUsage = 2;   // bad arguments or bad input

struct Streams {
    QTextStream &out;
    QTextStream &err;
};

// A subcommand gets the arguments after its own name.
struct Command {
    QString name;
    QString summary;
    std::function<int(const QStringList &args, Streams &io)> run;
};

// Routes `sdstudio-cli [global options] COMMAND [args]` to the subcommand that
// later features register (sim, cards, srs, content), and owns the global
// --help and --version so every subcommand behaves alike.
class Dispatcher final
{
public:
    void add(Command command);
    int run(const QStringList &arguments, Streams &io) const;

private:
    void printUsage(QTextStream &to) const;
    const Command *find(const QString &name) const;

    QList<Command> m_commands;
};

} // namespace sds::cli
