"""Build small REAL Argos packages for tests (and, at full size, for the benchmark).

The package has the layout Argos installs: one folder with ``metadata.json``, a
SentencePiece model trained here on a few dozen press-release phrases, and a
CTranslate2 Transformer whose weights are seeded random numbers. It translates
into garbage, but it exercises the real tokenizer, the real CTranslate2 decoder
and the real archive format, which is what the engine and installer tests need.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SEED = 20251126
TINY_VOCAB_SIZE = 300

CORPUS = """\
The Government announced today that the Hong Kong economy grew by 2.8 per cent.
The Financial Secretary said the budget would support small and medium enterprises.
The Hong Kong Monetary Authority published the latest figures on foreign currency reserves.
Total expenditure is estimated at HK$44.3 billion for the financial year 2025-26.
The company reported a net profit of US$248 million for the first half of the year.
Over 2,200 visitors attended the exhibition on 1 September 2025.
For more information, please visit www.info.gov.hk or call 2836 0000.
Enquiries may be sent by e-mail to press@example.gov.hk.
The Chief Executive will attend the ceremony at the Convention and Exhibition Centre.
The new measures will take effect from next Monday.
One-third of the funding will be allocated to innovation and technology.
The ratio of applicants to places was 1:9.
A spokesman for the Transport Department said traffic would be diverted.
The Secretary for Financial Services and the Treasury welcomed the result.
The Legislative Council will debate the bill next week.
The Hospital Authority reminds the public to stay vigilant.
The Observatory has issued a strong wind signal.
Members of the public are advised to keep away from the shoreline.
The project costs HK$2.597 billion and will be completed in 2027.
About 33 per cent of households received the subsidy.
政府今日宣布，香港經濟增長百分之二點八。
財政司司長表示，預算案會支援中小企業。
香港金融管理局公布最新的外匯儲備數字。
總開支估計為443億港元。
公司上半年錄得純利2.48億美元。
超過2,200名訪客於2025年9月1日參觀展覽。
詳情請瀏覽政府新聞網或致電2836 0000。
查詢可電郵至新聞處。
行政長官將出席在會議展覽中心舉行的典禮。
新措施將於下星期一起生效。
三分之一的資金將撥作創新科技用途。
申請人與名額的比例為1比9。
運輸署發言人表示，交通將會改道。
財經事務及庫務局局長歡迎有關結果。
立法會將於下星期辯論條例草案。
醫院管理局提醒市民保持警覺。
天文台已發出強風信號。
市民應遠離岸邊。
项目耗资25.97亿港元，将于2027年完成。
约33%的住户获得资助。
政府今日宣布，香港经济增长百分之二点八。
香港金融管理局公布最新的外汇储备数字。
"""


@dataclass(frozen=True)
class ModelShape:
    """Transformer size. TINY is for tests; BASE is Argos's real en→zh size."""

    layers: int
    d_model: int
    heads: int
    ffn: int
    vocab_size: int


TINY = ModelShape(layers=1, d_model=32, heads=2, ffn=64, vocab_size=TINY_VOCAB_SIZE)
BASE = ModelShape(layers=6, d_model=512, heads=8, ffn=2048, vocab_size=32_000)


def train_sentencepiece(lines: Sequence[str], prefix: Path, vocab_size: int,
                        *, user_symbols: Sequence[str] = (), model_type: str = "unigram") -> Path:
    """Train a SentencePiece model deterministically (one thread)."""
    import sentencepiece as spm

    corpus = prefix.with_suffix(".txt")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(prefix), vocab_size=vocab_size,
        hard_vocab_limit=False, character_coverage=1.0, model_type=model_type,
        num_threads=1, minloglevel=2, user_defined_symbols=list(user_symbols),
    )
    return prefix.with_suffix(".model")


def _random_transformer_spec(shape: ModelShape, vocabulary: list[str], seed: int) -> object:
    """A pre-norm Transformer spec (OpenNMT-py's layout, which Argos uses) with random weights."""
    import ctranslate2

    rng = np.random.default_rng(seed)
    d, ffn = shape.d_model, shape.ffn
    scale = 1.0 / np.sqrt(d)

    def matrix(rows: int, cols: int) -> np.ndarray:
        return (rng.standard_normal((rows, cols)) * scale).astype(np.float32)

    def vector(n: int, value: float = 0.0) -> np.ndarray:
        return np.full(n, value, dtype=np.float32)

    def norm(spec: object) -> None:
        spec.gamma = vector(d, 1.0)  # type: ignore[attr-defined]
        spec.beta = vector(d)  # type: ignore[attr-defined]

    def linear(spec: object, rows: int, cols: int) -> None:
        spec.weight = matrix(rows, cols)  # type: ignore[attr-defined]
        spec.bias = vector(rows)  # type: ignore[attr-defined]

    spec = ctranslate2.specs.TransformerSpec.from_config(shape.layers, shape.heads)
    n = len(vocabulary)
    spec.encoder.embeddings[0].weight = matrix(n, d)
    spec.decoder.embeddings.weight = matrix(n, d)
    linear(spec.decoder.projection, n, d)
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)  # fused Q, K, V
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, ffn, d)
        linear(layer.ffn.linear_1, d, ffn)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)  # query from the decoder
        linear(layer.attention.linear[1], 2 * d, d)  # fused K, V from the encoder
        linear(layer.attention.linear[2], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, ffn, d)
        linear(layer.ffn.linear_1, d, ffn)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    return spec


def _converter(shape: ModelShape, vocabulary: list[str], seed: int) -> object:
    import ctranslate2

    class RandomTransformerConverter(ctranslate2.converters.Converter):
        """Hands CTranslate2 our spec; ``convert`` validates, quantises and saves it."""

        def _load(self) -> object:
            return _random_transformer_spec(shape, vocabulary, seed)

    return RandomTransformerConverter()


def build_argos_package(
    dest: Path,
    from_code: str = "en",
    to_code: str = "zh",
    *,
    version: str = "0.0.1",
    shape: ModelShape = TINY,
    target_prefix: str = "",
    corpus: Sequence[str] | None = None,
    sp_vocab_size: int = TINY_VOCAB_SIZE,
    sp_model_type: str = "unigram",
    seed: int = SEED,
) -> Path:
    """Build ``dest/translate-<from>_<to>-<version>.argosmodel`` and return its path.

    The CTranslate2 vocabulary is the SentencePiece vocabulary, padded with filler
    pieces up to ``shape.vocab_size`` when the trained model is smaller (the output
    layer's size is what costs time, not which pieces it holds).
    """
    import sentencepiece as spm

    dest.mkdir(parents=True, exist_ok=True)
    folder_name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    work = dest / f"build-{folder_name}"
    if work.exists():
        shutil.rmtree(work)
    package = work / folder_name
    package.mkdir(parents=True)
    lines = list(corpus) if corpus is not None else CORPUS.splitlines()
    symbols = [target_prefix] if target_prefix else []
    sp_vocab = min(shape.vocab_size, sp_vocab_size)
    model_file = train_sentencepiece(lines, work / "sp", sp_vocab, user_symbols=symbols,
                                     model_type=sp_model_type)
    shutil.copy(model_file, package / "sentencepiece.model")
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    vocabulary += [f"\u2581filler{i}" for i in range(shape.vocab_size - len(vocabulary))]
    _converter(shape, vocabulary, seed).convert(  # type: ignore[attr-defined]
        str(package / "model"), quantization="int8")
    metadata: dict[str, object] = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": "English" if from_code == "en" else from_code,
        "to_code": to_code,
        "to_name": {"zh": "Chinese", "zt": "Chinese (traditional)"}.get(to_code, to_code),
        "type": "translate",
        "links": [],
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    (package / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    (package / "README.md").write_text("Random-weight test package built by tests/mtpkg.py.\n",
                                       encoding="utf-8")
    archive = dest / f"{folder_name}.argosmodel"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(package.rglob("*")):
            zf.write(path, path.relative_to(work).as_posix())
    shutil.rmtree(work)
    return archive
