/**
 * n8n's Data Table storage, in memory: what the server gives the built-in Data Table node through
 * `additionalData['data-table'].dataTableProxyProvider`. Only the calls our templates make are
 * implemented: find/create tables by name, list rows by filter, insert rows, update rows by filter.
 *
 * Faithful where concurrency matters: every call first yields to the event loop (a database round
 * trip), so executions interleave as they do on a real server; an update by filter then reads and
 * writes in one step, as n8n's does (one transaction on SQLite's single writer, `UPDATE … WHERE …
 * RETURNING` on Postgres), and returns only the rows it changed; inserts check nothing (n8n's Data
 * Tables have no unique columns).
 */
import type {
	DataTable,
	DataTableFilter,
	DataTableRow,
	DataTableRowReturn,
	IDataTableProjectAggregateService,
	IDataTableProjectService,
} from 'n8n-workflow';

const roundTrip = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));

export class InMemoryDataTables {
	readonly tables = new Map<string, DataTable & { rows: DataTableRowReturn[]; nextId: number }>();

	byName(name: string) {
		return [...this.tables.values()].find((table) => table.name === name);
	}

	createTable(name: string, columns: Array<{ name: string; type: DataTable['columns'][number]['type'] }>) {
		const id = `dt${this.tables.size + 1}`;
		const table = {
			id,
			name,
			columns: columns.map((column, index) => ({ id: `${id}c${index}`, name: column.name, type: column.type, index, dataTableId: id })),
			createdAt: new Date(),
			updatedAt: new Date(),
			projectId: 'project',
			rows: [] as DataTableRowReturn[],
			nextId: 1,
		};
		this.tables.set(id, table);
		return table;
	}

	insert(name: string, rows: DataTableRow[]) {
		const table = this.byName(name);
		if (!table) throw new Error(`no data table ${name}`);
		return rows.map((row) => {
			const stored = { ...row, id: table.nextId++, createdAt: new Date(), updatedAt: new Date() } as DataTableRowReturn;
			table.rows.push(stored);
			return stored;
		});
	}

	/** As if `ms` had passed since every row last changed (healing acts only on rows left alone). */
	age(ms: number): void {
		for (const table of this.tables.values()) {
			for (const row of table.rows) row.updatedAt = new Date(new Date(row.updatedAt).getTime() - ms);
		}
	}

	get provider() {
		const tables = this;
		const matches = (row: DataTableRow, filter?: DataTableFilter) => {
			if (!filter || filter.filters.length === 0) return true;
			const results = filter.filters.map(({ columnName, condition, value }) => {
				const cell = row[columnName];
				switch (condition) {
					case 'eq':
						return String(cell ?? '') === String(value ?? '') && cell !== undefined;
					case 'neq':
						return String(cell ?? '') !== String(value ?? '');
					default:
						throw new Error(`condition ${condition} is not implemented in the test store`);
				}
			});
			return filter.type === 'or' ? results.some(Boolean) : results.every(Boolean);
		};
		return {
			async getDataTableAggregateProxy(): Promise<IDataTableProjectAggregateService> {
				return {
					getProjectId: () => 'project',
					createDataTable: async (options) => tables.createTable(options.name, options.columns),
					getManyAndCount: async (options) => {
						const name = options.filter?.name;
						const found = [...tables.tables.values()].filter((table) => !name || table.name.toLowerCase() === String(name).toLowerCase());
						return { count: found.length, data: found.slice(0, options.take ?? found.length) };
					},
					deleteDataTableAll: async () => true,
				};
			},
			async getDataTableProxy(_workflow: unknown, _node: unknown, dataTableId: string): Promise<IDataTableProjectService> {
				const table = tables.tables.get(dataTableId);
				if (!table) throw new Error(`no data table ${dataTableId}`);
				const unsupported = async (): Promise<never> => {
					throw new Error('not implemented in the test store');
				};
				return {
					getColumns: async () => table.columns,
					getManyRowsAndCount: async (dto) => {
						await roundTrip();
						const found = table.rows.filter((row) => matches(row, dto.filter));
						const page = found.slice(dto.skip ?? 0, (dto.skip ?? 0) + (dto.take ?? found.length));
						return { count: found.length, data: page };
					},
					insertRows: (async (rows: DataTableRow[]) => {
						await roundTrip();
						return tables.insert(table.name, rows);
					}) as IDataTableProjectService['insertRows'],
					updateRows: (async ({ filter, data }: { filter: DataTableFilter; data: DataTableRow }) => {
						await roundTrip();
						const changed = table.rows.filter((row) => matches(row, filter));
						for (const row of changed) Object.assign(row, data, { updatedAt: new Date() });
						return changed.map((row) => ({ ...row }));
					}) as unknown as IDataTableProjectService['updateRows'],
					updateDataTable: unsupported,
					deleteDataTable: unsupported,
					addColumn: unsupported,
					moveColumn: unsupported,
					deleteColumn: unsupported,
					upsertRow: unsupported,
					deleteRows: unsupported,
					clearRows: unsupported,
				};
			},
		};
	}
}
