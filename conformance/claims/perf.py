"""Performance statements: decided from ratios measured in one run, machine-dependent by nature."""

from conformance.claims._model import Claim
from conformance.claims._sources import TF_NOTEBOOK

CLAIMS = [
    Claim(id="perf.batch_conversion_faster",
          statement="converting a batch once beats converting item by item by at least 10%: the notebook's "
                    "`efficient_preprocessing` (one `tf.constant(np.array(list))`, `tf.nn.relu`, `.numpy()`) is "
                    "faster than its `inefficient_preprocessing` (the same per item), on its 50 arrays of 100×100 "
                    "float32",
          source=f"{TF_NOTEBOOK} §6 and §7.1", needs=("tf",), quote="频繁的类型转换会带来性能开销，应批量处理",
          machine_dependent=True),
]
