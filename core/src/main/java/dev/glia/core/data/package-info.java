/**
 * Data sets on the host: the IDX file format of MNIST and Fashion-MNIST ({@link dev.glia.core.data.Idx}),
 * labelled image sets ({@link dev.glia.core.data.LabelledImages}), and the preprocessing every classifier
 * needs, as library code: scaling pixels to [0, 1] ({@link dev.glia.core.data.Normalization}) and one-hot
 * targets ({@link dev.glia.core.data.OneHot}).
 */
package dev.glia.core.data;
