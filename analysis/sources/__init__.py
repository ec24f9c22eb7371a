"""Getting data from the statistics portal: PxWeb v1 queries, their responses read, and the results stored."""
