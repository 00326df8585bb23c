[assembly: NonParallelizable]
