"""The defaults benchmark's reference: scikit-learn on the rows and split Kiln used.

  defaults_sklearn.py export DIR   writes sklearn's bundled public tables to DIR as CSV (offline)
  defaults_sklearn.py fit          reads jobs (JSON) on stdin, prints scores (JSON) on stdout

Each job carries Kiln's parsed columns (numeric with None for missing, or category text), the
label, the train/validation/test row indices and Kiln's test predictions, so both sides are
scored by the same sklearn.metrics functions on the same rows.
"""
import csv
import json
import os
import sys

import numpy as np
from sklearn import datasets, metrics
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

TABLES = {
    'breast-cancer': (datasets.load_breast_cancer, 'diagnosis'),
    'wine': (datasets.load_wine, 'cultivar'),
    'diabetes': (datasets.load_diabetes, 'progression'),
}


def export(folder):
    for name, (load, label) in TABLES.items():
        d = load()
        with open(os.path.join(folder, name + '.csv'), 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow([c.replace(' ', '_') for c in d.feature_names] + [label])
            names = getattr(d, 'target_names', None)
            # Class labels as their names (malignant, benign), so Kiln sees a categorical label.
            for row, y in zip(d.data, d.target):
                w.writerow([repr(float(v)) for v in row] + [names[y] if name != 'diabetes' else repr(float(y))])


def prepare(job, rows):
    """Median-impute + standardize numbers, most-frequent-impute + one-hot categories, as Kiln does;
    fitted on `rows` only. Returns a function that encodes any rows."""
    cols = job['columns']
    num = np.array([[np.nan if v is None else v for v in c['values']] for c in cols if c['kind'] == 'numeric'], dtype=float).T
    cat = np.array([[v for v in c['values']] for c in cols if c['kind'] == 'onehot'], dtype=object).T
    steps = []
    if num.size:
        steps.append((num, make_pipeline(SimpleImputer(strategy='median'), StandardScaler()).fit(num[rows])))
    if cat.size:
        impute = SimpleImputer(missing_values=None, strategy='most_frequent')
        steps.append((cat, make_pipeline(impute, OneHotEncoder(handle_unknown='ignore', sparse_output=False)).fit(cat[rows])))
    return lambda r: np.hstack([p.transform(m[r]) for m, p in steps])


def model_for(task):
    return LogisticRegression(max_iter=10000) if task == 'classification' else LinearRegression()


def scores(task, truth, predicted):
    if task == 'classification':
        return {'accuracy': metrics.accuracy_score(truth, predicted), 'f1Macro': metrics.f1_score(truth, predicted, average='macro')}
    rmse = float(np.sqrt(metrics.mean_squared_error(truth, predicted)))
    return {'rmse': rmse, 'r2': metrics.r2_score(truth, predicted)}


def fit(job):
    y = np.array(job['label'], dtype=object if job['task'] == 'classification' else float)
    train, val, test = (np.array(job[k], dtype=int) for k in ('train', 'validation', 'test'))
    kiln = np.array(job['kiln'], dtype=object if job['task'] == 'classification' else float)
    out = {'kiln': scores(job['task'], y[test], kiln)}
    # 'reference' fits on train + validation: without early stopping sklearn has no other use for them.
    for name, rows in (('reference', np.concatenate([train, val])), ('trainOnly', train)):
        encode = prepare(job, rows)
        m = model_for(job['task']).fit(encode(rows), y[rows])
        out[name] = scores(job['task'], y[test], m.predict(encode(test)))
    return out


if __name__ == '__main__':
    if sys.argv[1] == 'export':
        export(sys.argv[2])
    else:
        print(json.dumps([fit(job) for job in json.load(sys.stdin)]))
