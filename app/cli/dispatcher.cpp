#include "app/cli/dispatcher.h"

#include "core/appinfo.h"

#include <algorithm>

namespace sds::cli {

void Dispatcher::add(Command command)
{
    m_commands.append(std::move(command));
    std::sort(m_commands.begin(), m_commands.end(),
              [](const Command &a, const Command &b) { return a.name < b.name; });
}

const Command *Dispatcher::find(const QString &name) const
{
    for (const Command &c : m_commands) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

void Dispatcher::printUsage(QTextStream &to) const
{
    to << "Usage: sdstudio-cli [--help] [--version] COMMAND [ARGS...]\n\n"
       << appinfo::name() << ", headless tools: run simulations, manage flashcards and check "
       << "content without a window.\n\n"
       << "Options:\n"
       << "  -h, --help     Show this help, or with a command, that command's help.\n"
       << "  -v, --version  Show the version and the credits.\n\n"
       << "Commands:\n";
    to << "  help [COMMAND]  Show this help, or a command's help.\n";
    for (const Command &c : m_commands)
        to << "  " << c.name.leftJustified(15) << ' ' << c.summary << '\n';
    to << "\nExit status: 0 success, 1 the work failed, 2 bad arguments or input.\n";
}

int Dispatcher::run(const QStringList &arguments, Streams &io) const
{
    // arguments[0] is the program itself, as in QCoreApplication::arguments().
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        printUsage(io.err);
        return kExitUsage;
    }

    const QString &first = args.first();
    if (first == u"-h" || first == u"--help" || (first == u"help" && args.size() == 1)) {
        printUsage(io.out);
        return kExitOk;
    }
    if (first == u"-v" || first == u"--version") {
        io.out << "sdstudio-cli " << appinfo::version() << '\n'
               << appinfo::primerCreditText() << '\n';
        return kExitOk;
    }
    if (first == u"help") {
        // "help sim" is the same as "sim --help".
        if (const Command *c = find(args.at(1)))
            return c->run({QStringLiteral("--help")}, io);
        io.err << "sdstudio-cli: unknown command '" << args.at(1)
               << "'; run 'sdstudio-cli --help' for the list\n";
        return kExitUsage;
    }
    if (first.startsWith(u'-')) {
        io.err << "sdstudio-cli: unknown option '" << first
               << "'; run 'sdstudio-cli --help' for the list\n";
        return kExitUsage;
    }
    if (const Command *c = find(first))
        return c->run(args.mid(1), io);

    io.err << "sdstudio-cli: unknown command '" << first
           << "'; run 'sdstudio-cli --help' for the list\n";
    return kExitUsage;
}

} // namespace sds::cli
