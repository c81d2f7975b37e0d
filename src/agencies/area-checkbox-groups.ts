import type { Agency } from './agency.entity';
import type { Area } from './area.entity';

/**
 * Areas as one checkbox group per agency. The first group's id is the field
 * name, so an error summary link for `areaIds` lands on it.
 */
export function areaCheckboxGroups(agencies: Agency[], areas: Area[]) {
  return agencies.map((agency, index) => ({
    legend: agency.name,
    idPrefix: index === 0 ? 'areaIds' : `areaIds-${agency.id}`,
    items: areas.filter((area) => area.agencyId === agency.id).map((area) => ({ value: area.id, text: area.name })),
  }));
}
