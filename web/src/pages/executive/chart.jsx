// A horizontal bar chart drawn by uPlot, which is loaded on first use only (a chunk of its
// own, fetched when the report is opened). One row per category, bars for the values and
// optional marks (a target); a category without a value shows the reason the API gave
// instead of a bar. The canvas is hidden from screen readers: every chart has a table of
// its figures beside it (FigureTable). It takes the width of its container, down to 320 px.
import { useEffect, useRef } from 'preact/hooks';
import { fmtNumber, lang } from '../../core/i18n.js';

// A number with exactly digits decimals (4,0 rather than 4), as the API rounds it.
export function fmtFixed(n, digits = 1) {
	if (n === null || n === undefined || Number.isNaN(Number(n))) return '–';
	return new Intl.NumberFormat(lang.value === 'nl' ? 'nl-NL' : 'en-GB',
		{ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(n));
}

let loading;
const loadUplot = () => (loading ||= import('uplot').then((m) => m.default));

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
const ROW = 46;

function labelWidth(labels) {
	const ctx = document.createElement('canvas').getContext('2d');
	if (!ctx) return 120;
	ctx.font = FONT;
	let w = 0;
	for (const l of labels) for (const line of l.split('\n')) w = Math.max(w, ctx.measureText(line).width);
	return Math.ceil(w) + 14;
}

// uPlot's options and data for rows in el: horizontal bars, figures at their ends.
function chartOptions(uPlot, el, { rows, max, digits }) {
	const style = getComputedStyle(el);
	const ink = style.color;
	const muted = style.getPropertyValue('--muted').trim() || '#545d6e';
	const brand = style.getPropertyValue('--brand').trim() || '#1f5f8b';
	const accent = style.getPropertyValue('--focus').trim() || '#b3541e';
	const line = style.getPropertyValue('--line').trim() || '#d5dae3';
	const n = rows.length;
	const xs = rows.map((_, i) => i);
	const values = rows.map((r) => (r.value ?? null));
	const marks = rows.map((r) => (r.mark ?? null));
	const hasMarks = marks.some((m) => m !== null);
	const top = Math.max(1, ...values.filter((v) => v !== null), ...marks.filter((v) => v !== null));
	const end = max ?? top * 1.15;
	const labels = rows.map((r) => r.label);
	const left = Math.min(labelWidth(labels), Math.round(el.clientWidth * 0.42));
	const size = () => ({ width: Math.max(200, el.clientWidth), height: n * ROW + 36 });

	// Figures at the end of each bar, and the reason where there is none.
	const drawFigures = (u) => {
		const { ctx } = u;
		ctx.save();
		ctx.font = FONT.replace('12px', `${Math.round(12 * devicePixelRatio)}px`);
		ctx.textBaseline = 'middle';
		ctx.textAlign = 'left';
		rows.forEach((r, i) => {
			const y = u.valToPos(i, 'x', true);
			if (r.value === null || r.value === undefined) {
				// The reason, smaller when it would not fit beside the labels.
				const room = u.bbox.width - 8 * devicePixelRatio;
				if (ctx.measureText(r.note || '').width > room)
					ctx.font = FONT.replace('12px', `${Math.round(10 * devicePixelRatio)}px`);
				ctx.fillStyle = muted;
				ctx.fillText(r.note || '', u.bbox.left + 4 * devicePixelRatio, y, room);
				ctx.font = FONT.replace('12px', `${Math.round(12 * devicePixelRatio)}px`);
				return;
			}
			const x = u.valToPos(r.value, 'y', true);
			const text = digits ? fmtFixed(r.value, digits) : fmtNumber(r.value, 0);
			const w = ctx.measureText(text).width;
			const inside = x + w + 8 * devicePixelRatio > u.bbox.left + u.bbox.width;
			ctx.fillStyle = inside ? '#fff' : ink;
			ctx.fillText(text, inside ? x - w - 4 * devicePixelRatio : x + 4 * devicePixelRatio, y);
		});
		ctx.restore();
	};

	const opts = {
		...size(),
		legend: { show: false },
		cursor: { show: false },
		select: { show: false },
		padding: [6, 12, 0, 0],
		scales: {
			x: { time: false, ori: 1, dir: -1, range: [-0.5, n - 0.5] },
			y: { ori: 0, dir: 1, range: [0, end] },
		},
		axes: [
			{
				scale: 'x', side: 3, size: left, gap: 6, font: FONT, stroke: ink,
				grid: { show: false }, ticks: { show: false },
				splits: () => xs, values: (u, splits) => splits.map((i) => labels[i] ?? ''),
			},
			{
				scale: 'y', side: 2, size: 30, font: FONT, stroke: muted,
				grid: { stroke: line, width: 1 }, ticks: { show: false },
				values: (u, splits) => splits.map((v) => fmtNumber(v, 1)),
				// Counts and hours in whole steps; a mean (digits 1) also in halves.
				incrs: digits ? [0.5, 1, 2] : [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000],
			},
		],
		series: [
			{},
			{
				label: 'value', fill: brand, stroke: brand, width: 0,
				paths: uPlot.paths.bars({ size: [0.62, 30], align: 0 }), points: { show: false },
			},
			...(hasMarks ? [{
				label: 'mark', stroke: accent, fill: '#fff', width: 0, paths: () => null,
				points: { show: true, size: 12, width: 3, stroke: accent, fill: '#fff' },
			}] : []),
		],
		hooks: { draw: [drawFigures] },
	};
	const data = hasMarks ? [xs, values, marks] : [xs, values];
	return { opts, data, size };
}

// rows: [{ label: 'Team X\nmanager', value: 12 | null, mark: 9 | null, note: 'why no bar' }]
// max: the end of the value axis (or null: from the data); digits: decimals of the figures.
export function BarChart({ rows, max, digits = 0, name }) {
	const box = useRef(null);
	const key = JSON.stringify([rows, max, digits]);
	useEffect(() => {
		let plot = null, observer = null, live = true;
		loadUplot().then((uPlot) => {
			const el = box.current;
			if (!live || !el) return;
			const { opts, data, size } = chartOptions(uPlot, el, { rows, max, digits });
			plot = new uPlot(opts, data, el);
			let width = el.clientWidth;
			observer = new ResizeObserver(() => {
				if (el.clientWidth !== width) {
					width = el.clientWidth;
					plot.setSize(size());
				}
			});
			observer.observe(el);
		});
		return () => {
			live = false;
			if (observer) observer.disconnect();
			if (plot) plot.destroy();
		};
	}, [key]);
	return <div class="exec-chart" ref={box} aria-hidden="true" data-chart={name} />;
}

// The figures of a chart for screen readers (visually hidden): a caption and one row
// per category, with the same texts that the chart shows.
export function FigureTable({ caption, columns, rows }) {
	return (
		<div class="sr-only">
			<table>
				<caption>{caption}</caption>
				<thead><tr>{columns.map((c) => <th scope="col">{c}</th>)}</tr></thead>
				<tbody>{rows.map((r) => <tr>{r.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}</tr>)}</tbody>
			</table>
		</div>
	);
}
