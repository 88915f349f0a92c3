"""The frozen-result fingerprints absorb a CPU's last bit and nothing a refactor could do."""

from __future__ import annotations

import math

import numpy as np
import pytest

from exportmcda.data.io import load_sample
from tests.fingerprint import array_fingerprint, assert_same_array, records_digest


@pytest.fixture(scope="module")
def values() -> np.ndarray:
    # a real column of the sample: the technologies' domestic deployments, as floats
    sites = load_sample().technologies["domestic_sites"].to_numpy(dtype=np.float64)
    return np.log1p(sites)


def test_last_bit_noise_is_the_same_result(values):
    noisy = np.nextafter(values, np.inf)  # every value one ulp up, as another kernel might
    assert_same_array(array_fingerprint(noisy), array_fingerprint(values), "ulp")


@pytest.mark.parametrize("relative", [1e-6, 1e-8])
def test_one_value_changed_is_another_result(values, relative):
    changed = values.copy()
    changed[500] += relative * np.abs(values).mean()
    with pytest.raises(AssertionError):
        assert_same_array(array_fingerprint(changed), array_fingerprint(values), "changed")


def test_two_values_swapped_is_another_result(values):
    i, j = 3, int(np.argmax(values != values[3]))
    swapped = values.copy()
    swapped[[i, j]] = swapped[[j, i]]
    assert math.fsum(swapped) == math.fsum(values)  # a plain sum cannot tell
    with pytest.raises(AssertionError):
        assert_same_array(array_fingerprint(swapped), array_fingerprint(values), "swapped")


def test_records_are_digested_at_nine_significant_digits():
    assert records_digest([{"s": 0.7214954007617086}]) == records_digest(
        [{"s": 0.7214954007617087}]
    )
    assert records_digest([{"s": 0.72149540}]) != records_digest([{"s": 0.72149541}])
