"""M/M/1 in SimPy (the Debian package, SimPy 2 API), for bench_engine.

usage: python3 simpy_mm1.py CUSTOMERS
Prints: customers wall_seconds mean_latency_seconds
"""
import random
import sys
import time

from SimPy.Simulation import Process, Resource, hold, initialize, now, release, request, simulate

ARRIVAL_RATE = 80.0  # per second
SERVICE_MEAN = 0.010  # seconds: utilisation 0.8, as mm1.json


class Customer(Process):
    def visit(self, server, stats):
        arrived = now()
        yield request, self, server
        yield hold, self, random.expovariate(1.0 / SERVICE_MEAN)
        yield release, self, server
        stats.append(now() - arrived)


class Source(Process):
    def generate(self, count, server, stats):
        for _ in range(count):
            c = Customer()
            c.start(c.visit(server, stats))
            yield hold, self, random.expovariate(ARRIVAL_RATE)


def main():
    count = int(sys.argv[1])
    random.seed(1)
    initialize()
    server = Resource(capacity=1)
    stats = []
    source = Source()
    source.start(source.generate(count, server, stats))
    start = time.perf_counter()
    simulate(until=1e12)
    wall = time.perf_counter() - start
    print(len(stats), wall, sum(stats) / len(stats))


if __name__ == "__main__":
    main()
