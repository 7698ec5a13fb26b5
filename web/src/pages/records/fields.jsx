// One field of a record: its label, its value as shown in a list, its control in a
// form, and the value of that control as the API takes it (kinds.js describes them).
import { t, has, label, fmtDate, fmtNumber } from '../../core/i18n.js';
import { Field, Input, Select } from '../../core/ui.jsx';

// The field's name: records.field.ENTITY.FIELD, else the label of the command line.
export function fieldLabel(entity, name) {
	const id = `records.field.${entity}.${name}`;
	return has(id) ? t(id) : has(`label.${entity}.${name}`) ? t(`label.${entity}.${name}`) : name;
}

// A value as text, for lists and facts.
export function show(k, fd, value, names) {
	if (value === null || value === undefined || value === '') return '–';
	switch (fd.type) {
	case 'date': return fmtDate(value);
	case 'int': case 'num': return fmtNumber(value, 2);
	case 'bool': return value ? t('records.yes') : t('records.no');
	case 'enum': return label(k.entity, fd.name, value);
	case 'ref': return names[fd.kind].get(value);
	default: return String(value);
	}
}

// A record's values as the form holds them: text, and true/false for a check box.
export function formValues(k, rec) {
	const v = {};
	for (const fd of k.fields) {
		const x = rec ? rec[fd.name] : undefined;
		if (fd.type === 'bool') v[fd.name] = rec ? x === true : true;
		else if (fd.type === 'enum' && !rec && fd.req) v[fd.name] = fd.codes[0];
		else v[fd.name] = x === null || x === undefined ? '' : String(x);
	}
	return v;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

// The value of a control as the API takes it. A number that is not one is sent as
// typed: the API refuses it beside its field, in words.
export function apiValue(fd, v) {
	if (fd.type === 'bool') return v === true;
	const s = typeof v === 'string' ? v.trim() : v;
	if (s === '' || s === null || s === undefined) return null;
	if (fd.type === 'int' || fd.type === 'num') return NUMBER.test(s) ? Number(s) : s;
	if (fd.type === 'ref') return Number(s);
	return s;
}

// The fields of a POST (every one given) or a PATCH (only those changed from before).
export function changes(k, values, before) {
	const out = {};
	for (const fd of k.fields) {
		const v = apiValue(fd, values[fd.name]);
		if (before ? v !== apiValue(fd, before[fd.name]) : v !== null) out[fd.name] = v;
	}
	return out;
}

function rangeHint(fd) {
	if (fd.min === undefined) return undefined;
	return t('records.range', { min: fmtNumber(fd.min, 2), max: fmtNumber(fd.max, 2) });
}

// The control of one field, bound to form f.
export function Control({ k, fd, form, names, stored }) {
	const text = fieldLabel(k.entity, fd.name);
	const req = !!fd.req;
	if (fd.fixed && stored) return <Fixed text={text} value={show(k, fd, apiValue(fd, form.values[fd.name]), names)} error={form.errors[fd.name]} />;
	switch (fd.type) {
	case 'bool':
		return (
			<Field label={text} error={form.errors[fd.name]}>
				{(a) => (
					<span class="check">
						<input {...a} type="checkbox" name={fd.name} checked={form.values[fd.name] === true}
							onChange={(ev) => form.set(fd.name, ev.currentTarget.checked)} />
					</span>
				)}
			</Field>
		);
	case 'enum':
		return <Select form={form} name={fd.name} label={text} entity={k.entity} codes={fd.codes} required={req}
			blank={req ? undefined : t('records.none_chosen')} />;
	case 'ref':
		return <Select form={form} name={fd.name} label={text} options={names[fd.kind].options} required={req}
			blank={req && form.values[fd.name] ? undefined : t('records.none_chosen')} />;
	case 'int': case 'num':
		return <Input form={form} name={fd.name} label={text} type="number" required={req} hint={rangeHint(fd)}
			min={fd.min} max={fd.max} step={fd.type === 'int' ? 1 : fd.step || 'any'}
			inputMode={fd.type === 'int' ? 'numeric' : 'decimal'} />;
	case 'textarea':
		return <Input form={form} name={fd.name} label={text} type="textarea" required={req} maxLength={fd.max} rows={4} />;
	case 'date':
		return <Input form={form} name={fd.name} label={text} type="date" required={req} />;
	default:
		return <Input form={form} name={fd.name} label={text} type={fd.type === 'email' ? 'email' : 'text'}
			required={req} maxLength={fd.max} autocomplete="off" />;
	}
}

// A field that cannot change once the record is stored: its value, and why.
function Fixed({ text, value, error }) {
	return (
		<div class={error ? 'field invalid' : 'field'}>
			<p class="field-name">{text}</p>
			<p class="fixed">{value} <span class="muted">({t('records.fixed')})</span></p>
			{error && <p class="field-error"><span aria-hidden="true">⚠ </span>{error}</p>}
		</div>
	);
}
