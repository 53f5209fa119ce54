"""Performance statements: decided from ratios measured in one run, machine-dependent by nature."""

from conformance.claims._model import Claim, Narrowed
from conformance.claims._sources import TF_NOTEBOOK
from conformance.domains import Domain

THE_NOTEBOOKS_ARRAYS = "the sentence names its arrays: the notebook's 50 arrays of 100×100 float32, C-ordered as " \
                       "np.random builds them; the test times those, each way"

CLAIMS = [
    Claim(id="perf.batch_conversion_faster",
          statement="converting a batch once beats converting item by item by at least 10%: the notebook's "
                    "`efficient_preprocessing` (one `tf.constant(np.array(list))`, `tf.nn.relu`, `.numpy()`) is "
                    "faster than its `inefficient_preprocessing` (the same per item), on its 50 arrays of 100×100 "
                    "float32",
          source=f"{TF_NOTEBOOK} §6 and §7.1", needs=("tf",), quote="频繁的类型转换会带来性能开销，应批量处理",
          domain=Domain(dtype=Narrowed((), why=THE_NOTEBOOKS_ARRAYS), layout=Narrowed((), why=THE_NOTEBOOKS_ARRAYS),
                        size=Narrowed((), why=THE_NOTEBOOKS_ARRAYS)),
          machine_dependent=True),
]
