import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { ApiVisibility } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';
import { joinList, splitList } from './lists';

export interface BusinessValues {
  description: string;
  tags: string[];
  categories: string[];
  businessOwner: { name: string; email: string };
  technicalOwner: { name: string; email: string };
  visibility: ApiVisibility;
  visibleRoles: string[];
  subscriptionTiers: string[];
}

export interface BusinessFormProps {
  initial: BusinessValues;
  /** The organization's subscription tiers, to choose the offered ones from. */
  tiers: string[];
  /** Existing categories, offered as suggestions. */
  knownCategories: string[];
  onSubmit: (v: BusinessValues) => void;
  errors: FormErrors;
  submitting: boolean;
}

const roles = ['admin', 'publisher', 'subscriber'];

/** Description, tags, categories, owners, visibility and offered tiers of an API. */
export function BusinessForm({ initial, tiers, knownCategories, onSubmit, errors, submitting }: BusinessFormProps) {
  const [description, setDescription] = useState(initial.description);
  const [tags, setTags] = useState(joinList(initial.tags));
  const [categories, setCategories] = useState(joinList(initial.categories));
  const [bo, setBo] = useState(initial.businessOwner);
  const [to, setTo] = useState(initial.technicalOwner);
  const [visibility, setVisibility] = useState<ApiVisibility>(initial.visibility);
  const [visibleRoles, setVisibleRoles] = useState(initial.visibleRoles);
  const [offered, setOffered] = useState(initial.subscriptionTiers);

  const toggle = (list: string[], set: (l: string[]) => void, item: string) =>
    set(list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      description,
      tags: splitList(tags),
      categories: splitList(categories),
      businessOwner: bo,
      technicalOwner: to,
      visibility,
      visibleRoles: visibility === 'RESTRICTED' ? visibleRoles : [],
      subscriptionTiers: offered,
    });
  }
  const f = errors.fields;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Business information">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="biz-description" name="description" label="Description" error={f.description}>
        {(a) => <textarea {...a} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </FormField>
      <FormField id="biz-tags" name="tags" label="Tags" hint="Comma-separated; stored lower-case. At most 20." error={f.tags}>
        {(a) => <input {...a} type="text" value={tags} onChange={(e) => setTags(e.target.value)} autoComplete="off" />}
      </FormField>
      <FormField
        id="biz-categories"
        name="categories"
        label="Categories"
        hint={knownCategories.length ? `Comma-separated. Existing: ${knownCategories.join(', ')}` : 'Comma-separated; new ones are created.'}
        error={f.categories}
      >
        {(a) => <input {...a} type="text" value={categories} onChange={(e) => setCategories(e.target.value)} autoComplete="off" />}
      </FormField>
      <fieldset className="fieldset">
        <legend>Business owner</legend>
        <FormField id="biz-bo-name" name="businessOwner.name" label="Name" error={undefined}>
          {(a) => <input {...a} type="text" value={bo.name} onChange={(e) => setBo({ ...bo, name: e.target.value })} />}
        </FormField>
        <FormField id="biz-bo-email" name="businessOwner.email" label="Email" error={errors.fields.email}>
          {(a) => <input {...a} type="email" value={bo.email} onChange={(e) => setBo({ ...bo, email: e.target.value })} />}
        </FormField>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Technical owner</legend>
        <FormField id="biz-to-name" name="technicalOwner.name" label="Name" error={undefined}>
          {(a) => <input {...a} type="text" value={to.name} onChange={(e) => setTo({ ...to, name: e.target.value })} />}
        </FormField>
        <FormField id="biz-to-email" name="technicalOwner.email" label="Email" error={undefined}>
          {(a) => <input {...a} type="email" value={to.email} onChange={(e) => setTo({ ...to, email: e.target.value })} />}
        </FormField>
      </fieldset>
      <FormField id="biz-visibility" name="visibility" label="Visibility" error={f.visibility}>
        {(a) => (
          <select {...a} value={visibility} onChange={(e) => setVisibility(e.target.value as ApiVisibility)}>
            <option value="PUBLIC">Public</option>
            <option value="RESTRICTED">Restricted by roles</option>
          </select>
        )}
      </FormField>
      {visibility === 'RESTRICTED' && (
        <fieldset className="fieldset" aria-describedby={f.visibleRoles ? 'biz-roles-error' : undefined}>
          <legend>Roles that see the API</legend>
          {roles.map((r) => (
            <label key={r} className="check">
              <input type="checkbox" checked={visibleRoles.includes(r)} onChange={() => toggle(visibleRoles, setVisibleRoles, r)} /> {r}
            </label>
          ))}
          {f.visibleRoles && (
            <p className="field-error" id="biz-roles-error" data-testid="field-error-visibleRoles">
              {f.visibleRoles}
            </p>
          )}
        </fieldset>
      )}
      <fieldset className="fieldset">
        <legend>Subscription tiers offered</legend>
        {tiers.map((t) => (
          <label key={t} className="check">
            <input type="checkbox" checked={offered.includes(t)} onChange={() => toggle(offered, setOffered, t)} /> {t}
          </label>
        ))}
        {f.subscriptionTiers && (
          <p className="field-error" data-testid="field-error-subscriptionTiers">
            {f.subscriptionTiers}
          </p>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
