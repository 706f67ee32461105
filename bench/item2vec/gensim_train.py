"""Reference side of bench/item2vec.bench.ts: trains gensim 4 Word2Vec (skip-gram, negative sampling).

Usage: gensim_train.py CORPUS OUT_VECTORS DIMENSION WINDOW NEGATIVES EPOCHS MIN_COUNT SAMPLE WORKERS SEED

CORPUS holds one sentence per line, space-separated item ids. Writes the input vectors to OUT_VECTORS in
word2vec text format and prints one JSON line of timings on stdout. build_vocab() and train() are timed
apart: the benchmark compares train() only.
"""

import json
import resource
import sys
import time

import gensim
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence
from gensim.models.word2vec_inner import FAST_VERSION


def cpu_seconds():
    """User + system CPU time of all threads of this process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv):
    if len(argv) != 11:
        sys.exit(__doc__)
    corpus, out_path = argv[1], argv[2]
    dimension, window, negatives, epochs, min_count = (int(v) for v in argv[3:8])
    sample = float(argv[8])
    workers, seed = int(argv[9]), int(argv[10])

    # Lines are user histories, far below gensim's 10,000-token limit, so none is cut.
    sentences = list(LineSentence(corpus))
    model = Word2Vec(
        sg=1,
        hs=0,
        negative=negatives,
        vector_size=dimension,
        window=window,
        min_count=min_count,
        sample=sample,
        epochs=epochs,
        workers=workers,
        seed=seed,
        alpha=0.025,
        min_alpha=0.0001,
    )

    started = time.perf_counter()
    model.build_vocab(sentences)
    vocab_seconds = time.perf_counter() - started

    cpu_started = cpu_seconds()
    started = time.perf_counter()
    effective_words, raw_words = model.train(
        sentences, total_examples=model.corpus_count, epochs=model.epochs
    )
    train_seconds = time.perf_counter() - started
    train_cpu_seconds = cpu_seconds() - cpu_started

    model.wv.save_word2vec_format(out_path, binary=False)
    print(
        json.dumps(
            {
                "buildVocabSeconds": vocab_seconds,
                "trainSeconds": train_seconds,
                "trainCpuSeconds": train_cpu_seconds,
                "effectiveWords": effective_words,
                "rawWords": raw_words,
                "vocab": len(model.wv),
                "sentences": model.corpus_count,
                "gensim": gensim.__version__,
                "fastVersion": FAST_VERSION,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv)
