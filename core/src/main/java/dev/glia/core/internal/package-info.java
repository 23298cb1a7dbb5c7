/** Implementation of core's layers and buffers; not for use outside glia-core. */
package dev.glia.core.internal;
