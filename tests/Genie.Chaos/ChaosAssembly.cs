// Scenarios inject faults into whole processes and load a 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
