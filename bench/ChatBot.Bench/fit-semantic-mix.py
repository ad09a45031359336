#!/usr/bin/env python3
"""Fits the semantic mix's lexical coefficients and the similarity's weight on the even SQuAD articles and
reports them on the odd ones, from the candidates ChatBot.Bench writes:

    dotnet run -c Release --project bench/ChatBot.Bench -- semantic ../shared/eval/squad-visible.json --dump FILE
    python3 bench/ChatBot.Bench/fit-semantic-mix.py FILE

Each candidate's score is a linear mix of its features (the best sentence's and the passage's coverage of the
question, whether the best sentence holds an answer of the kind asked, the heaviest missing word's share, BM25
over the best BM25 or as a z-score, the cosine similarity raw or as a z-score among the candidates); coordinate
ascent maximises hit@1 (+ 0.3 hit@5) of the top 20 by BM25 on the fitting half."""
import json, sys

DEPTH = 20


def load(path):
    questions = [json.loads(line) for line in open(path)]
    for q in questions:
        c = sorted(q['candidates'], key=lambda x: -x['bm25'])[:DEPTH]
        known = [x['cosine'] for x in c if x['cosine'] is not None]
        mean = sum(known) / len(known) if known else 0
        spread = max((sum((v - mean) ** 2 for v in known) / len(known)) ** .5, 0.01) if known else 0.01
        best = max((x['bm25'] for x in c), default=1)
        bm_mean = sum(x['bm25'] for x in c) / max(1, len(c))
        bm_spread = max((sum((x['bm25'] - bm_mean) ** 2 for x in c) / max(1, len(c))) ** .5, 1e-6)
        q['c'] = c
        q['F'] = [{'bm': x['bm25'] / best, 'bmz': (x['bm25'] - bm_mean) / bm_spread, 'win': x['window'],
                   'pas': x['passage'], 'hold': 1.0 if x['holds'] else 0.0, 'miss': x['missing'],
                   'cos': x['cosine'] if x['cosine'] is not None else mean,
                   'cosz': ((x['cosine'] if x['cosine'] is not None else mean) - mean) / spread} for x in c]
    return questions


def evaluate(questions, weights):
    hit1 = hit5 = para1 = 0
    for q in questions:
        if not q['c']:
            continue
        scores = [sum(weights.get(k, 0) * f[k] for k in weights) for f in q['F']]
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        hit1 += q['c'][order[0]]['hit']
        para1 += q['c'][order[0]]['gold']
        hit5 += any(q['c'][i]['hit'] for i in order[:5])
    n = len(questions)
    return round(hit1 / n, 4), round(hit5 / n, 4), round(para1 / n, 4)


def fit(questions, start):
    weights, best = dict(start), evaluate(questions, start)
    goal = lambda r: r[0] + 0.3 * r[1]
    for step in (0.5, 0.2, 0.1, 0.05, 0.02):
        improved = True
        while improved:
            improved = False
            for key in list(weights):
                for delta in (step, -step):
                    trial = dict(weights)
                    trial[key] = round(trial[key] + delta, 3)
                    result = evaluate(questions, trial)
                    if goal(result) > goal(best) + 1e-9:
                        weights, best, improved = trial, result, True
    return weights, best


if __name__ == '__main__':
    questions = load(sys.argv[1])
    even = [q for q in questions if q['article'] % 2 == 0]
    odd = [q for q in questions if q['article'] % 2 == 1]
    for start in ({'bm': 0.1, 'win': 0.1, 'hold': 0.03, 'cos': 0.8},
                  {'bmz': 0.1, 'win': 0.1, 'pas': 0.0, 'hold': 0.03, 'miss': 0.0, 'cosz': 0.8}):
        weights, fitted = fit(even, start)
        print('fitted on the even articles', weights, 'hit@1, hit@5, para@1:', fitted, '| odd articles:', evaluate(odd, weights))
