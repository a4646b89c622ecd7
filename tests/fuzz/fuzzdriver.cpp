// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
// Runs a fuzz target without libFuzzer (the ordinary build, and the test suite): every file of
// its seed corpus as it is, then, for the seconds given, inputs mutated from them at random —
// bytes flipped, inserted, removed, repeated, and two seeds spliced. A crash fails the test; the
// longer runs with coverage and AddressSanitizer are scripts/fuzz's (clang's libFuzzer).
// Usage: fuzz_<target> CORPUS_DIR [SECONDS] [SEED]
#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace {

int run(const QByteArray &input)
{
    return LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()),
                                  size_t(input.size()));
}

QByteArray mutate(QByteArray input, const QList<QByteArray> &seeds, QRandomGenerator &random)
{
    const int edits = 1 + random.bounded(8);
    for (int e = 0; e < edits; ++e) {
        const int at = input.isEmpty() ? 0 : random.bounded(int(input.size()));
        switch (random.bounded(6)) {
        case 0:
            if (!input.isEmpty())
                input[at] = char(input[at] ^ (1 << random.bounded(8)));
            break;
        case 1:
            input.insert(at, char(random.bounded(256)));
            break;
        case 2:
            input.remove(at, random.bounded(16));
            break;
        case 3:
            input.insert(at, input.mid(random.bounded(int(input.size()) + 1), random.bounded(64)));
            break;
        case 4: {
            const QByteArray &other = seeds[random.bounded(int(seeds.size()))];
            input = input.left(at) + other.mid(random.bounded(int(other.size()) + 1));
            break;
        }
        default:
            // an interesting value where a number or a length might be
            if (!input.isEmpty()) {
                static const char values[] = {0, '\xff', '\x7f', '\x80', '9', '-', '"', '{'};
                input[at] = values[random.bounded(int(sizeof values))];
            }
        }
    }
    return input;
}

} // namespace

int main(int argc, char *argv[])
{
    LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR [SECONDS] [SEED]\n", argv[0]);
        return 2;
    }
    const QDir corpus(QString::fromLocal8Bit(argv[1]));
    const double seconds = argc > 2 ? QByteArray(argv[2]).toDouble() : 3.0;
    QRandomGenerator random(argc > 3 ? QByteArray(argv[3]).toUInt() : 20261205u);
    QList<QByteArray> seeds;
    for (const QString &name : corpus.entryList(QDir::Files, QDir::Name)) {
        QFile file(corpus.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            seeds.append(file.readAll());
    }
    if (seeds.isEmpty()) {
        std::fprintf(stderr, "no seeds in %s\n", argv[1]);
        return 2;
    }
    for (const QByteArray &seed : std::as_const(seeds))
        run(seed);
    qint64 runs = seeds.size();
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < qint64(seconds * 1000)) {
        run(mutate(seeds[random.bounded(int(seeds.size()))], seeds, random));
        ++runs;
    }
    std::printf("%lld inputs (%lld seeds) in %.1f s, no crash\n", static_cast<long long>(runs),
                static_cast<long long>(seeds.size()), double(timer.elapsed()) / 1000.0);
    return 0;
}
