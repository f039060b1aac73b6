"""The archive: self-contained packs of an edition (BagIt), verification by rebuilding from
a pack alone, and batch builds on local processes or a Dask cluster."""
