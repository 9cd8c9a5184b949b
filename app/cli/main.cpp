#include "app/cli/cardscommand.h"
#include "app/cli/challengecommand.h"
#include "app/cli/contentcommand.h"
#include "app/cli/dispatcher.h"
#include "app/cli/simcommand.h"
#include "app/cli/srscommand.h"
#include "core/appinfo.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    sds::appinfo::registerWithApplication();

    QTextStream out(stdout);
    QTextStream err(stderr);
    sds::cli::Streams io{out, err};

    sds::cli::Dispatcher dispatcher;
    // Subcommands (sim, cards, srs, content) register here as they are built.
    dispatcher.add(sds::cli::cardsCommand());
    dispatcher.add(sds::cli::challengeCommand());
    dispatcher.add(sds::cli::contentCommand());
    dispatcher.add(sds::cli::simCommand());
    dispatcher.add(sds::cli::srsCommand());
    return dispatcher.run(QCoreApplication::arguments(), io);
}
