"""The tfjs-examples MNIST convnet in PyTorch's CPU build: the reference for `npm run bench -- cnn-cpu`.

python3 cnn-cpu.py <rows> <epochs> <threads>  # prints {"samplesPerSecond": ..., "finalLoss": ..., "threads": ...}
Same network, optimizer (RMSprop as TF.js sets it: rho 0.9, eps 1e-7) and batch as the TF.js arms,
on random 28x28x1 data, after one untimed warm-up batch.
"""
import json
import sys
import time

import torch
from torch import nn

rows, epochs, threads = (int(a) for a in sys.argv[1:4])
torch.set_num_threads(threads)
torch.manual_seed(11)
batch = 320

model = nn.Sequential(
    nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2, 2),
    nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2, 2),
    nn.Conv2d(32, 32, 3), nn.ReLU(),
    nn.Flatten(), nn.Linear(32 * 3 * 3, 64), nn.ReLU(), nn.Linear(64, 10),
)
optimizer = torch.optim.RMSprop(model.parameters(), lr=0.001, alpha=0.9, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(rows, 1, 28, 28) * 2 - 1
y = torch.randint(0, 10, (rows,))


def step(xb, yb):
    optimizer.zero_grad()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    optimizer.step()
    return loss.item()


step(x[:batch], y[:batch])
start = time.perf_counter()
loss = float("nan")
for _ in range(epochs):
    order = torch.randperm(rows)
    for i in range(0, rows, batch):
        idx = order[i:i + batch]
        loss = step(x[idx], y[idx])
seconds = time.perf_counter() - start
print(json.dumps({"samplesPerSecond": rows * epochs / seconds, "finalLoss": loss, "threads": torch.get_num_threads()}))
