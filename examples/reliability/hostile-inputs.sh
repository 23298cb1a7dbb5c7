#!/usr/bin/env bash
# Feeds the glia command line one hostile or unusual input per class and prints, for each, the exit status
# and the first line on standard error (or standard output when stderr is empty). This is how the table in
# docs/reliability.md was made. Needs a built glia (mvn -q package -DskipTests), python3, gzip and mkfifo.
# Usage, from the project root:  examples/reliability/hostile-inputs.sh [WORKDIR]
# Every case runs on EJML with a 20-second limit (a case that hangs shows status 124); seconds include the
# JVM's start (about 0.5 s).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
glia="$root/glia"
work=${1:-$(mktemp -d)}
mkdir -p "$work"
cd "$work" || exit 2
export GLIA_BACKEND=ejml

run() { # run LABEL ARGS...: one table row
  local label=$1; shift
  local out err status line start seconds
  start=$(date +%s.%N)
  out=$(timeout 20 "$glia" "$@" 2>"$work/err.txt"); status=$?
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  err=$(cat "$work/err.txt")
  line=$(printf '%s\n' "${err:-$out}" | grep -v '^\s*$' | head -1 | cut -c1-220)
  printf '| %s | %s | %.1f | %s |\n' "$label" "$status" "$seconds" "${line//|/\\|}"
}

# A small trained model and a sample image to build the hostile ones from.
"$glia" fashion --data bundled --epochs 1 --progress none --out model >/dev/null 2>&1 || { echo "training failed"; exit 1; }
good=model/model.safetensors
image=$(ls model/samples/*.png | head -1)

python3 - "$good" <<'EOF'
import json, struct, sys, os, gzip, hashlib
good = open(sys.argv[1], 'rb').read()
n = struct.unpack('<Q', good[:8])[0]
header = json.loads(good[8:8 + n])
def write(name, header, data):
    # a hostile writer can give a valid checksum: SHA-256 of the description's bytes, then the data
    meta = header['__metadata__']
    meta['glia.sha256'] = hashlib.sha256(meta['glia'].encode() + data).hexdigest()
    h = json.dumps(header).encode()
    h += b' ' * (-len(h) % 8)
    with open(name, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + data)
# a sparse file: the first layer declared 784 x 2,500,000, the file really that long (holes)
desc = json.loads(header['__metadata__']['glia'])
desc['layers'][0]['units'] = 2500000
desc['layers'][1]['inputs'] = 2500000
big = dict(header)
big['__metadata__'] = dict(header['__metadata__'], glia=json.dumps(desc))
big['layers.0.weight'] = {'dtype': 'F32', 'shape': [784, 2500000], 'data_offsets': [0, 784 * 2500000 * 4]}
at = 784 * 2500000 * 4
for k in ['layers.0.bias', 'layers.1.weight', 'layers.1.bias', 'layers.2.weight', 'layers.2.bias']:
    t = dict(header[k])
    if k == 'layers.0.bias': t['shape'] = [2500000]
    if k == 'layers.1.weight': t['shape'] = [2500000, t['shape'][1]]
    size = 4
    for d in t['shape']: size *= d
    t['data_offsets'] = [at, at + size]; at += size
    big[k] = t
h = json.dumps(big).encode(); h += b' ' * (-len(h) % 8)
with open('sparse.safetensors', 'wb') as f:
    f.write(struct.pack('<Q', len(h)) + h)
    f.truncate(8 + len(h) + at)
# tens of thousands of layers
many = {'__metadata__': {}}
layers = []
data = bytearray()
for i in range(50000):
    layers.append({'type': 'dense', 'name': 'd%d' % i, 'inputs': 1, 'units': 1, 'activation': 'identity',
                   'weight': 'w%d' % i, 'bias': 'b%d' % i})
    for part in ('w', 'b'):
        many['%s%d' % (part, i)] = {'dtype': 'F32', 'shape': [1, 1] if part == 'w' else [1],
                                    'data_offsets': [len(data), len(data) + 4]}
        data += struct.pack('<f', 1.0)
d = {'format': 'glia.network', 'formatVersion': 1, 'dtype': 'float32', 'inputShape': [1], 'layers': layers,
     'metadata': {}}
many['__metadata__'] = {'glia': json.dumps(d)}
write('many-layers.safetensors', many, bytes(data))
# a NaN weight and a NaN activation parameter, with valid checksums
nan = bytearray(good[8 + n:]); off = header['layers.0.weight']['data_offsets'][0] + 4000
nan[off:off + 4] = struct.pack('<f', float('nan'))
write('nan-weight.safetensors', dict(header, __metadata__=dict(header['__metadata__'])), bytes(nan))
alpha = json.loads(header['__metadata__']['glia']); alpha['layers'][0]['activation'] = 'leaky_relu(alpha=NaN)'
write('nan-alpha.safetensors', dict(header, __metadata__=dict(header['__metadata__'], glia=json.dumps(alpha))),
      good[8 + n:])
last = json.loads(header['__metadata__']['glia']); last['layers'][-1]['activation'] = 'relu'
write('relu-last.safetensors', dict(header, __metadata__=dict(header['__metadata__'], glia=json.dumps(last))),
      good[8 + n:])
open('truncated.safetensors', 'wb').write(good[:len(good) // 2])
# IDX: a gzip bomb (a header claiming 2,000,000 images, 300 MB of zeros), 0 test images, a FIFO labels file
os.makedirs('bomb', exist_ok=True); os.makedirs('empty-test', exist_ok=True)
def idx(path, dims, payload=b''):
    with gzip.open(path, 'wb') as f:
        f.write(bytes([0, 0, 8, len(dims)]) + b''.join(struct.pack('>I', d) for d in dims) + payload)
zeros = bytes(1 << 20)
with gzip.open('bomb/train-images-idx3-ubyte.gz', 'wb', compresslevel=9) as f:
    f.write(bytes([0, 0, 8, 3]) + struct.pack('>III', 2000000, 28, 28))
    for _ in range(300): f.write(zeros)
idx('bomb/train-labels-idx1-ubyte.gz', [2000000], bytes(2000000))
for d in ('bomb', 'empty-test'):
    idx(d + '/t10k-images-idx3-ubyte.gz', [0, 28, 28]) if d == 'empty-test' else idx(d + '/t10k-images-idx3-ubyte.gz', [1, 28, 28], bytes(784))
    idx(d + '/t10k-labels-idx1-ubyte.gz', [0]) if d == 'empty-test' else idx(d + '/t10k-labels-idx1-ubyte.gz', [1], b'\0')
idx('empty-test/train-images-idx3-ubyte.gz', [10, 28, 28], bytes(7840))
idx('empty-test/train-labels-idx1-ubyte.gz', [10], bytes(10))
EOF
# A small CNN and hostile variants of its configuration (each with a valid checksum).
"$glia" fashion --model cnn --data bundled --epochs 1 --progress none --out cnn >/dev/null 2>&1 || { echo "CNN training failed"; exit 1; }
python3 - cnn/model.safetensors <<'EOF'
import json, struct, sys, hashlib
good = open(sys.argv[1], 'rb').read()
n = struct.unpack('<Q', good[:8])[0]
header = json.loads(good[8:8 + n]); data = good[8 + n:]
def write(name, change):
    h = json.loads(json.dumps(header))
    desc = json.loads(h['__metadata__']['glia'])
    change(desc)
    h['__metadata__']['glia'] = json.dumps(desc)
    h['__metadata__']['glia.sha256'] = hashlib.sha256(h['__metadata__']['glia'].encode() + data).hexdigest()
    b = json.dumps(h).encode(); b += b' ' * (-len(b) % 8)
    open(name, 'wb').write(struct.pack('<Q', len(b)) + b + data)
conv = lambda d: d['layers'][0]['config']
write('cnn-filters.safetensors', lambda d: conv(d).update(filters=1000000000))
write('cnn-kernel.safetensors', lambda d: conv(d).update(kernel=[100000, 100000]))
write('cnn-dilation.safetensors', lambda d: conv(d).update(dilation=[1000000000, 1]))
write('cnn-padding.safetensors', lambda d: conv(d).update(padding=[2000000000, 2000000000, 0, 0]))
write('cnn-stride.safetensors', lambda d: conv(d).update(stride=[-1, 1]))
write('cnn-pool.safetensors', lambda d: d['layers'][1]['config'].update(padding=[5, 5, 5, 5]))
EOF
mkdir -p fifo-data && cp empty-test/train-* fifo-data/ && cp bomb/t10k-images* fifo-data/ && mkfifo fifo-data/t10k-labels-idx1-ubyte.gz
mkfifo model.fifo; mkdir -p a-directory.png
printf 'not a png' > text.png

echo "| case | exit | seconds | first line |"
echo "|---|---|---:|---|"
run "model file: header valid, tensors larger than memory (sparse file)" predict --model sparse.safetensors "$image"
run "model file: a FIFO" predict --model model.fifo "$image"
run "model file: a directory" predict --model model "$image"
run "model file: a device (/dev/zero)" predict --model /dev/zero "$image"
run "model file: 50,000 layers of width 1 (valid; timed)" predict --model many-layers.safetensors --resize "$image"
run "model file: a NaN weight" predict --model nan-weight.safetensors "$image"
run "model file: leaky_relu(alpha=NaN)" predict --model nan-alpha.safetensors "$image"
run "model file: truncated" predict --model truncated.safetensors "$image"
run "predict: last layer relu (scores, not %)" predict --model relu-last.safetensors "$image"
run "CNN model file: 10^9 filters" predict --model cnn-filters.safetensors "$image"
run "CNN model file: a 100,000×100,000 kernel" predict --model cnn-kernel.safetensors "$image"
run "CNN model file: dilation 10^9" predict --model cnn-dilation.safetensors "$image"
run "CNN model file: padding 2·10^9 rows on each side" predict --model cnn-padding.safetensors "$image"
run "CNN model file: stride -1" predict --model cnn-stride.safetensors "$image"
run "CNN model file: pooling padded beyond half its kernel" predict --model cnn-pool.safetensors "$image"
run "predict: a directory as the image" predict --model "$good" a-directory.png
run "predict: not an image" predict --model "$good" text.png
run "predict: one bad image among good ones" predict --model "$good" text.png "$image"
run "IDX: gzip claiming 2,000,000 images" fashion --data bomb --epochs 1
run "IDX: FIFO as the labels file" fashion --data fifo-data --epochs 1
run "IDX: 0 test images" fashion --data empty-test --epochs 1
run "option: --hidden 3000000" fashion --data bundled --hidden 3000000
run "option: --hidden 2500000" fashion --data bundled --hidden 2500000 --epochs 1 --progress none
run "option: --learning-rate NaN" fashion --learning-rate NaN
run "option: --epochs 0" fashion --epochs 0
run "option: --out ''" fashion --out ''
run "option: --out under a file" fashion --out /etc/passwd/x
run "option: --plot /dev/null" xor --plot /dev/null
run "option: activation leaky_relu(alpha=1e999)" activations --describe 'leaky_relu(alpha=1e999)'
run "option: unknown backend" xor --backend nosuch
