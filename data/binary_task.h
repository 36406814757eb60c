// Builds binary-classification datasets (dataset.h) from image sources: class a -> +1,
// class b -> -1, the first n images of each class, each image sum-pooled by p×p blocks (p = 1:
// none), kept as a 2-D signal of shape q×q (q = side/p; or, flat, a 1-D signal of length q²,
// the same numbers row-major), optionally with R input channels made from circularly shifted
// copies; and a synthetic R-channel dataset (1-D).
#pragma once

#include "data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace convcert::data {

/// One square grey image (side×side bytes, row-major) -> sum-pooled p×p blocks, row-major,
/// length (side/p)². Precondition: p >= 1 divides side, image.size() == side².
std::vector<long> data_image_pool(const std::vector<unsigned char>& image, long side, long p);

/// Dataset from two classes of images: positives first then negatives, n_per_class of each
/// (fewer if a class has fewer), shape {q, q} (empty if `flat`). channels >= 1: channel r is
/// the pooled signal circularly shifted by the flat offset t = r·shift mod D on the dataset's
/// grid: x_r[j] = s[grid_add(j, t)], i.e. (j + t) mod D when flat and the 2-D translation by
/// (t div q, t mod q) otherwise. Throws std::invalid_argument on empty classes, p not dividing
/// side, channels < 1.
Dataset data_binary_task(const std::vector<std::vector<unsigned char>>& positives,
                         const std::vector<std::vector<unsigned char>>& negatives, long side,
                         long p, long n_per_class, long channels, long shift, bool flat,
                         const std::string& name, const std::string& source);

/// Images of one label from an IDX image array {N, side, side} and label array {N}; at most
/// max_images. Throws std::invalid_argument if the shapes disagree.
struct IdxArray;
std::vector<std::vector<unsigned char>>
data_idx_class(const IdxArray& images, const IdxArray& labels, int label, long max_images);

/// Synthetic separable data: n samples with R channels of length D, entries uniform integers in
/// [-4, 4] from a fixed-seed generator (std::mt19937_64, seed), labels sign(<W*, x>) for a
/// planted W* with integer entries in [-3, 3]; samples with |<W*, x>| < 2 are redrawn.
/// Preconditions: n >= 2, R >= 1, D >= 1 (std::invalid_argument otherwise).
Dataset data_synthetic(long n, long R, long D, unsigned long long seed);

} // namespace convcert::data
